import type { FlowContext } from '../flows/flow-context.ts';
import { codeMatches } from '../model/code-match.ts';
import type { EngagementRow, ProgramRow, TransactionRow } from '../model/tables.ts';
import { collaboratorUsedAddress } from './collaborator-addresses.ts';
import type { FraudAction, FraudReason, FraudRules } from './tables.ts';

/** What the rules decided for one program's commission on one sale. */
export interface FraudVerdict {
  action: FraudAction;
  /** Every rule that matched with `flag` or `block`, in a fixed order. */
  reasons: FraudReason[];
}

const ALLOW: FraudVerdict = { action: 'allow', reasons: [] };
const STRENGTH: Record<FraudAction, number> = { allow: 0, flag: 1, block: 2 };

export function parseFraudRules(json: string | null): FraudRules {
  return json === null ? {} : (JSON.parse(json) as FraudRules);
}

/**
 * Whether `program`'s rules judge a banned collaborator's referral (the `banned_collaborator`
 * rule is set). When not, the default, a banned collaborator's engagements never count in it.
 */
export function judgesBannedCollaborators(program: ProgramRow): boolean {
  return program.fraud_rules !== null && parseFraudRules(program.fraud_rules).banned_collaborator !== undefined;
}

/**
 * The buyer's addresses, as keyed hashes: the sale's own (its `context.ip`, right when the
 * shopper's browser or a server passing the shopper's address reported it) and the one recorded
 * when the referred visit that opened the engagement's opportunity came in (the snippet's call
 * from the shopper's browser).
 */
async function buyerAddresses(flow: FlowContext, engagement: EngagementRow): Promise<string[]> {
  const visit = await flow.trx
    .selectFrom('opportunities')
    .select('ip_hash')
    .where('workspace_id', '=', flow.workspaceId)
    .where('id', '=', engagement.opportunity_id)
    .executeTakeFirst();
  return [...new Set([flow.clientIpHash(), visit?.ip_hash ?? null].filter((hash): hash is string => hash !== null))];
}

const same = (a: string | null, b: string | null) => a !== null && b !== null && a.trim().toLowerCase() === b.trim().toLowerCase();

/**
 * Screens the commission `program` would award `engagement`'s collaborator for `transaction`.
 * Programs without rules (the default) cost nothing; the checks read only what a matching rule
 * needs. The strongest action of the rules that match wins: block over flag over allow.
 */
export async function screenSale(flow: FlowContext, program: ProgramRow, engagement: EngagementRow, transaction: TransactionRow): Promise<FraudVerdict> {
  if (program.fraud_rules === null) return ALLOW;
  const rules = parseFraudRules(program.fraud_rules);
  const matched: Array<{ reason: FraudReason; action: FraudAction }> = [];
  const active = (action: FraudAction | undefined): action is 'flag' | 'block' => action === 'flag' || action === 'block';

  if (active(rules.self_referral) || active(rules.own_coupon) || active(rules.banned_collaborator)) {
    const collaborator = await flow.trx
      .selectFrom('collaborators')
      .select(['email', 'user_id', 'status'])
      .where('workspace_id', '=', flow.workspaceId)
      .where('id', '=', engagement.collaborator_id)
      .executeTakeFirst();
    const isCollaborator = collaborator !== undefined && (same(transaction.email, collaborator.email) || same(transaction.user_id, collaborator.user_id));
    // By address only when email and user id did not already say so: it costs two reads.
    const selfReferral =
      active(rules.self_referral) && (isCollaborator || (await collaboratorUsedAddress(flow, engagement.collaborator_id, await buyerAddresses(flow, engagement))));
    if (selfReferral) matched.push({ reason: 'self_referral', action: rules.self_referral! });
    if (isCollaborator && active(rules.own_coupon) && transaction.coupon_code !== null) {
      const coupon = await flow.trx
        .selectFrom('coupons')
        .select('id')
        .where('workspace_id', '=', flow.workspaceId)
        .where('collaborator_id', '=', engagement.collaborator_id)
        .where(codeMatches(transaction.coupon_code))
        .executeTakeFirst();
      if (coupon) matched.push({ reason: 'own_coupon', action: rules.own_coupon });
    }
    if (active(rules.banned_collaborator) && collaborator?.status === 'banned') matched.push({ reason: 'banned_collaborator', action: rules.banned_collaborator });
  }
  if (active(rules.already_referred) && (transaction.user_id !== null || transaction.email !== null)) {
    const earlier = await flow.trx
      .selectFrom('conversions')
      .innerJoin('attribution_transactions as t', 't.id', 'conversions.transaction_id')
      .select('conversions.id')
      .where('conversions.workspace_id', '=', flow.workspaceId)
      .where('t.workspace_id', '=', flow.workspaceId)
      .where('conversions.collaborator_id', '!=', engagement.collaborator_id)
      .where('conversions.status', '!=', 'rejected')
      .where('t.id', '!=', transaction.id)
      .where((eb) => {
        const sameCustomer = [];
        if (transaction.user_id !== null) sameCustomer.push(eb('t.user_id', '=', transaction.user_id));
        if (transaction.email !== null) sameCustomer.push(eb('t.email', '=', transaction.email));
        return eb.or(sameCustomer);
      })
      .limit(1)
      .executeTakeFirst();
    if (earlier) matched.push({ reason: 'already_referred', action: rules.already_referred });
  }
  const fast = rules.fast_conversion;
  if (fast !== undefined && active(fast.action) && flow.now - engagement.created_at < fast.seconds * 1000) {
    matched.push({ reason: 'fast_conversion', action: fast.action });
  }
  if (matched.length === 0) return ALLOW;
  const action = matched.reduce<FraudAction>((strongest, m) => (STRENGTH[m.action] > STRENGTH[strongest] ? m.action : strongest), 'allow');
  return { action, reasons: matched.map((m) => m.reason) };
}

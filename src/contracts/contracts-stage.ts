import { chunkRows, type Db } from '../db/index.ts';
import { newId } from '../lib/ids.ts';
import type { PipelineItem, PipelineStage } from '../pipeline/index.ts';
import type { CompiledContract, ContractCache } from './contract-cache.ts';
import { evaluate, strongestMode, type Violation } from './evaluate.ts';
import type { ContractViolationTable } from './tables.ts';

/** Violations kept per event and contract: an event with 10,000 stray fields must not write 10,000 rows. */
export const MAX_VIOLATIONS_PER_EVENT = 50;
const MAX_REASON_LENGTH = 1000;

/** What one contract decided about one event; shown in the live stream under `notes.contracts`. */
export interface ContractVerdict {
  contract_id: string;
  contract_name: string;
  verdict: 'valid' | 'allowed' | 'warned' | 'blocked';
  violations: Array<Omit<Violation, 'mode'> & { action: Violation['mode'] }>;
  /** True when more violations were found than are listed and stored. */
  truncated: boolean;
}

const VERDICT = { allow: 'allowed', warn: 'warned', block: 'blocked' } as const;

function describe(violation: Violation): string {
  if (violation.rule === 'required_missing') return `${violation.path} is required`;
  if (violation.rule === 'undeclared_field') return `${violation.path} is not declared`;
  const found = violation.value_type === null ? '' : ` (found ${violation.value_type})`;
  return `${violation.path} ${violation.message}${found}`;
}

function blockedReason(blocked: Array<{ contract: CompiledContract; violations: Violation[] }>): string {
  const parts = blocked.map(({ contract, violations }) => {
    const reasons = violations.filter((v) => v.mode === 'block').map(describe);
    return `Blocked by contract "${contract.row.name}" (${contract.row.id}): ${reasons.join('; ')}`;
  });
  const text = parts.join('. ');
  return text.length > MAX_REASON_LENGTH ? `${text.slice(0, MAX_REASON_LENGTH - 1)}…` : text;
}

function checkItem(item: PipelineItem, contracts: CompiledContract[], now: number, rows: ContractViolationTable[]): void {
  const { event } = item;
  // Identify and group describe a user or an account: their data is in traits, not properties.
  const prefix = event.type === 'identify' || event.type === 'group' ? 'traits' : 'properties';
  const data = prefix === 'traits' ? event.traits : event.properties;
  const verdicts: ContractVerdict[] = [];
  const blocked: Array<{ contract: CompiledContract; violations: Violation[] }> = [];
  for (const contract of contracts) {
    const found = evaluate(contract.compiled, data, prefix, {
      enforcement: contract.row.enforcement_mode,
      undeclared: contract.row.undeclared_fields,
    });
    const violations = found.slice(0, MAX_VIOLATIONS_PER_EVENT);
    const mode = strongestMode(violations);
    verdicts.push({
      contract_id: contract.row.id,
      contract_name: contract.row.name,
      verdict: mode === undefined ? 'valid' : VERDICT[mode],
      violations: violations.map(({ mode: action, ...rest }) => ({ ...rest, action })),
      truncated: found.length > violations.length,
    });
    if (mode === 'block') blocked.push({ contract, violations });
    for (const v of violations) {
      if (v.mode === 'allow') continue;
      rows.push({
        id: newId(),
        workspace_id: event.workspaceId,
        contract_id: contract.row.id,
        event_id: event.id,
        event_type: event.type,
        event_name: event.name,
        action: v.mode,
        rule: v.rule,
        path: v.path,
        value_type: v.value_type,
        message: v.message,
        created_at: now,
      });
    }
  }
  item.notes.contracts = verdicts;
  if (blocked.length > 0) item.blockedReason = blockedReason(blocked);
}

/**
 * The contracts step of the pipeline (first, so a blocked event is neither counted, forwarded nor
 * attributed). Violations are written in the batch transaction: they exist if and only if the
 * verdict took effect.
 */
export function createContractsStage(db: Db, cache: ContractCache): PipelineStage {
  return {
    name: 'contracts',
    async run(items, { trx, now }) {
      await cache.refresh(trx, items.map((item) => item.event.workspaceId), now);
      const rows: ContractViolationTable[] = [];
      for (const item of items) {
        const contracts = cache.matching(item.event.workspaceId, item.event.type, item.event.name);
        if (contracts.length > 0) checkItem(item, contracts, now, rows);
      }
      for (const chunk of chunkRows(rows, db.dialect)) {
        await trx.insertInto('contract_violations').values(chunk).execute();
      }
    },
  };
}

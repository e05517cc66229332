import type { Kysely } from 'kysely';
import { sql } from 'kysely';
import type { Database } from '../db/index.ts';
import type { IdentitySet } from './identities.ts';

/**
 * What replaces a person's identifying fields in the rows attribution keeps. A fixed value, not
 * NULL: a reader can tell "erased" from "never known", and no two erased people look alike by
 * anything but this word.
 */
export const ERASED = '[erased]';

/** Keys of a domain-event payload that identify the customer (the log stores ids and amounts otherwise). */
const IDENTIFYING_KEYS = new Set([
  'email',
  'userId',
  'user_id',
  'anonymousId',
  'anonymous_id',
  'ip',
  'ipHash',
  'ip_hash',
  'landingUrl',
  'landing_url',
  'customerName',
  'customer_name',
  'phone',
]);

/** Rows per `in (…)` list. */
const CHUNK = 500;

function chunks<T>(items: readonly T[]): T[][] {
  const out: T[][] = [];
  for (let start = 0; start < items.length; start += CHUNK) out.push(items.slice(start, start + CHUNK));
  return out;
}

/** A copy with every identifying field (at any depth) replaced; `changed` says whether any was. */
export function scrubPayload(value: unknown): { value: unknown; changed: boolean } {
  if (Array.isArray(value)) {
    let changed = false;
    const items = value.map((item) => {
      const scrubbed = scrubPayload(item);
      changed ||= scrubbed.changed;
      return scrubbed.value;
    });
    return { value: items, changed };
  }
  if (value === null || typeof value !== 'object') return { value, changed: false };
  let changed = false;
  const out: Record<string, unknown> = {};
  for (const [key, field] of Object.entries(value)) {
    if (IDENTIFYING_KEYS.has(key) && field !== null && field !== ERASED && (typeof field === 'string' || typeof field === 'number')) {
      out[key] = ERASED;
      changed = true;
      continue;
    }
    const scrubbed = scrubPayload(field);
    changed ||= scrubbed.changed;
    out[key] = scrubbed.value;
  }
  return { value: out, changed };
}

/**
 * Erases the person's identifying fields from attribution's rows and keeps the rows: money
 * (transactions, conversions, obligations, payouts, the ledger) is a record the shop and its
 * partners rely on, and no amount, status or id changes here. Rows are the person's when they
 * came from one of the person's events (`inboundEventIds`) or name one of the person's ids.
 * Returns how many rows changed; a row already erased is not counted again.
 */
export async function scrubAttribution(
  trx: Kysely<Database>,
  workspaceId: string,
  identities: IdentitySet,
  inboundEventIds: readonly string[],
): Promise<number> {
  const lists = identities.toLists();
  const userIds = lists.user_id;
  const emails = lists.email;
  let changed = 0;

  for (const table of ['opportunities', 'attribution_transactions'] as const) {
    const matchers: Array<{ column: 'user_id' | 'email' | 'inbound_event_id'; values: string[] }> = [
      { column: 'user_id', values: userIds },
      { column: 'email', values: emails },
      { column: 'inbound_event_id', values: [...inboundEventIds] },
    ];
    for (const { column, values } of matchers) {
      for (const chunk of chunks(values)) {
        const value = column === 'email' ? sql<string>`lower(${sql.ref('email')})` : sql.ref(column);
        const erase: Record<string, string | null> = { user_id: ERASED, email: ERASED };
        // The visitor's address hash (partners/ip-hasher.ts) is theirs too, keyed or not.
        if (table === 'opportunities') Object.assign(erase, { landing_url: ERASED, ip_hash: null });
        const result = await trx
          .updateTable(table)
          .set(erase)
          .where('workspace_id', '=', workspaceId)
          .where(value, 'in', chunk)
          // Not counted twice: a row whose fields are erased (or were never known) is left alone.
          .where((eb) => eb.or([eb('user_id', '<>', ERASED), eb('email', '<>', ERASED)]))
          .executeTakeFirst();
        changed += Number(result.numUpdatedRows);
      }
    }
  }

  for (const chunk of chunks(inboundEventIds)) {
    const rows = await trx
      .selectFrom('domain_events')
      .select(['id', 'payload'])
      .where('workspace_id', '=', workspaceId)
      .where('inbound_event_id', 'in', chunk)
      .execute();
    for (const row of rows) {
      const scrubbed = scrubPayload(JSON.parse(row.payload));
      if (!scrubbed.changed) continue;
      await trx.updateTable('domain_events').set({ payload: JSON.stringify(scrubbed.value) }).where('id', '=', row.id).execute();
      changed += 1;
    }
  }
  return changed;
}

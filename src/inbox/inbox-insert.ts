import type { Kysely } from 'kysely';
import { bulkInsert, insertTextBySize, type ArrayColumnType, type Database, type DialectCapabilities, type InboxTable } from '../db/index.ts';
import { newId } from '../lib/ids.ts';
import type { InboxEntry } from './inbox-entry.ts';

/** Column order of every inbox insert: the parameters of one row are bound in this order. */
export const INBOX_COLUMNS = [
  'id',
  'workspace_id',
  'api',
  'dedupe_key',
  'body_hash',
  'payload',
  'status',
  'received_at',
  'available_at',
  'locked_by',
  'retry_count',
  'retryable',
  'process_error',
  'event_id',
  'processed_at',
  'credential_id',
  'client_ip',
] as const satisfies ReadonlyArray<keyof InboxTable>;

const INBOX_COLUMN_TYPES: Record<(typeof INBOX_COLUMNS)[number], ArrayColumnType> = {
  id: 'text',
  workspace_id: 'text',
  api: 'text',
  dedupe_key: 'text',
  body_hash: 'text',
  payload: 'text',
  status: 'text',
  received_at: 'bigint',
  available_at: 'bigint',
  locked_by: 'text',
  retry_count: 'integer',
  retryable: 'integer',
  process_error: 'text',
  event_id: 'text',
  processed_at: 'bigint',
  credential_id: 'text',
  client_ip: 'text',
};

/** Rows per VALUES statement: 50 × 17 parameters, far below either database's limit. */
export const INBOX_ROWS_PER_STATEMENT = 50;

const SKIP_TAKEN_KEYS = 'on conflict ("workspace_id", "dedupe_key") do nothing';

/** The insert of `rowCount` inbox rows; a row whose dedupe key is taken in its workspace is skipped. */
export const inboxInsertText = insertTextBySize('inbox', INBOX_COLUMNS, SKIP_TAKEN_KEYS);

/** The same as statements for any number of rows: one per batch on PostgreSQL (see bulkInsert). */
const inboxInserts = bulkInsert<InboxTable, (typeof INBOX_COLUMNS)[number]>('inbox', INBOX_COLUMNS, INBOX_COLUMN_TYPES, {
  suffix: SKIP_TAKEN_KEYS,
  rowsPerValuesStatement: INBOX_ROWS_PER_STATEMENT,
});

/**
 * Inserts inbox rows, skipping those whose dedupe key is already taken (a repeat of an event the
 * inbox holds). Returns how many went in.
 */
export async function insertInboxRows(trx: Kysely<Database>, dialect: DialectCapabilities, rows: readonly InboxTable[]): Promise<number> {
  let inserted = 0;
  for (const query of inboxInserts(dialect, rows)) inserted += Number((await trx.executeQuery(query)).numAffectedRows ?? 0n);
  return inserted;
}

/**
 * PostgreSQL text cannot hold NUL. The payload is JSON text (NUL arrives escaped), but a dedupe
 * key is a decoded client string: one hostile key must not fail the flush it shares with others.
 */
export function storableKey(key: string | null): string | null {
  return key === null || !key.includes('\u0000') ? key : key.replaceAll('\u0000', '\uFFFD');
}

/** A new row for an entry, with a fresh time-ordered id, due for a worker from `availableAt`. */
export function receivedRow(entry: InboxEntry, availableAt: number): InboxTable {
  return {
    id: newId(),
    workspace_id: entry.workspaceId,
    api: entry.api,
    dedupe_key: storableKey(entry.dedupeKey),
    body_hash: entry.bodyHash,
    payload: entry.payload,
    status: 'received',
    received_at: entry.receivedAt,
    available_at: availableAt,
    locked_by: null,
    retry_count: 0,
    retryable: 0,
    process_error: null,
    event_id: null,
    processed_at: null,
    credential_id: entry.credentialId,
    client_ip: entry.clientIp,
  };
}

import { CompiledQuery, type Kysely } from 'kysely';
import { insertTextBySize, rowParameters, type Database, type DialectCapabilities, type IngestApi, type InboxJournalTable } from '../db/index.ts';

/**
 * One accepted request, kept as received until a worker splits it into inbox rows. An ingest route
 * appends a record instead of inbox entries when its answer does not depend on deduplication
 * (Segment's API answers `{"success":true}` to a repeat too): the append is then one row at the
 * journal's end, and deduplication happens when the worker moves the events into the inbox.
 */
export interface JournalRecord {
  workspaceId: string;
  api: IngestApi;
  /** What the body is, for the API's expander: a Segment type (`track`…) or `batch`. */
  route: string;
  /** How many events the body holds. */
  eventCount: number;
  /** The body as received (minus secrets, see the ingest route). */
  body: string;
  receivedAt: number;
  credentialId: string | null;
  clientIp: string | null;
}

type JournalRow = Omit<InboxJournalTable, 'seq'>;

/** Column order of every journal insert. */
export const JOURNAL_COLUMNS = [
  'workspace_id',
  'api',
  'route',
  'event_count',
  'received_at',
  'credential_id',
  'client_ip',
  'body',
] as const satisfies ReadonlyArray<keyof JournalRow>;

/** Rows per INSERT statement: a group commit rarely holds more requests than this. */
export const JOURNAL_ROWS_PER_STATEMENT = 64;

export const journalInsertText = insertTextBySize('inbox_journal', JOURNAL_COLUMNS);

export function toJournalRow(record: JournalRecord): JournalRow {
  return {
    workspace_id: record.workspaceId,
    api: record.api,
    route: record.route,
    event_count: record.eventCount,
    received_at: record.receivedAt,
    credential_id: record.credentialId,
    client_ip: record.clientIp,
    body: record.body,
  };
}

/** The bound parameters of `rows[start, start + count)` for `journalInsertText`. */
export function journalParameters(rows: readonly JournalRow[], start: number, count: number): unknown[] {
  return rowParameters(rows, start, count, JOURNAL_COLUMNS);
}

/** Appends journal rows through Kysely (PostgreSQL; SQLite appends through SqliteAppender). */
export async function insertJournalRows(trx: Kysely<Database>, dialect: DialectCapabilities, rows: readonly JournalRow[]): Promise<void> {
  for (let start = 0; start < rows.length; start += JOURNAL_ROWS_PER_STATEMENT) {
    const count = Math.min(JOURNAL_ROWS_PER_STATEMENT, rows.length - start);
    await trx.executeQuery(CompiledQuery.raw(journalInsertText(dialect, count), journalParameters(rows, start, count)));
  }
}

export type { JournalRow };

import type { Kysely } from 'kysely';
import type { Database, Db, InboxJournalRow, InboxTable, IngestApi } from '../db/index.ts';
import { coerceError } from '../errors/index.ts';
import { workspacesWithDueRows, type ClaimScope } from './claim-scope.ts';
import { insertInboxRows, receivedRow } from './inbox-insert.ts';

/** One event of a journal record's body, as it goes into the inbox. */
export interface JournalEvent {
  /** Namespaced dedupe key (`msg:…`), or null for none. */
  dedupeKey: string | null;
  /** The event as JSON text. */
  payload: string;
  /**
   * The same event as an object, when the expander has it parsed already: equal to
   * `JSON.parse(payload)`, and this event's own (the worker may change it while normalising).
   */
  parsed?: Record<string, unknown>;
}

/**
 * Reads the events of a journal record's body: the API's own knowledge of its request shapes. The
 * ingest route validated the body before appending it, so an expander only throws for a body it
 * cannot read (written by another version, say); that record becomes one failed inbox row.
 */
export type JournalExpander = (record: Readonly<InboxJournalRow>) => JournalEvent[];

export type JournalExpanders = Partial<Record<IngestApi, JournalExpander>>;

/**
 * The worker side of the journal: moves accepted requests into the inbox as `received` rows, one
 * per event, in the order they were accepted. A move is one transaction (delete the journal rows,
 * insert their events), so a crash leaves either the request or its events, never both and never
 * neither. Deduplication happens here, through the inbox's unique (workspace, dedupe key) index:
 * an event whose key is taken is not inserted, whether the first came through the journal or
 * through a direct append.
 *
 * Several workers (PostgreSQL) take disjoint journal rows with SKIP LOCKED; SQLite has one writer
 * at a time.
 */
/** Journal heads read first by a move; later pages grow fourfold. */
const JOURNAL_FIRST_PAGE = 32;

export class JournalExpansion {
  constructor(
    private readonly db: Db,
    private readonly expanders: JournalExpanders,
    /** How PostgreSQL workers lock journal rows (claim-scope.ts); `workspace` for Citus. */
    private readonly scope: ClaimScope = 'all',
  ) {}

  /**
   * Moves journal rows holding about `maxEvents` events (at least one row) into the inbox, in a
   * transaction of its own. Returns how many journal rows it moved; 0 when the journal is empty.
   */
  async expand(maxEvents: number, now = Date.now()): Promise<number> {
    return (await this.db.kysely.transaction().execute((trx) => this.expandIn(trx, maxEvents, now))).requests;
  }

  /**
   * The same move inside the caller's transaction, so a worker on a single-writer database can
   * move and process in one commit (see InboxWorker). Also returns the `received` rows it put in
   * the inbox (not those a repeated key kept out, nor unreadable requests, which end `failed`), so
   * that worker needs not read back what it has just written, and their payloads already parsed
   * (by row id) where the expander had them, so it need not parse them again.
   *
   * `processedBy` (a worker id) writes the rows as that worker will leave them once it has made
   * their events in this same transaction: `processed`, their event id their own. A row the
   * worker then blocks or fails is rewritten (rare); if the batch fails, the move rolls back.
   */
  async expandIn(
    trx: Kysely<Database>,
    maxEvents: number,
    now = Date.now(),
    options: { processedBy?: string } = {},
  ): Promise<{ requests: number; rows: InboxTable[]; parsed: ReadonlyMap<string, Record<string, unknown>> }> {
    const parsed = new Map<string, Record<string, unknown>>();
    const records = await this.take(trx, maxEvents);
    if (records.length === 0) return { requests: 0, rows: [], parsed };
    const received: InboxTable[] = [];
    const failed: InboxTable[] = [];
    for (const record of records) {
      let events: JournalEvent[];
      try {
        const expander = this.expanders[record.api];
        if (!expander) throw new Error(`no reader for ${record.api} requests`);
        events = expander(record);
      } catch (error) {
        failed.push(unreadable(record, coerceError(error), now));
        continue;
      }
      for (const event of events) {
        const row = inboxRow(record, event, now);
        received.push(options.processedBy === undefined ? row : processedRow(row, options.processedBy, now));
        if (event.parsed !== undefined) parsed.set(row.id, event.parsed);
      }
    }
    const inserted = await insertInboxRows(trx, this.db.dialect, [...received, ...failed]);
    if (inserted === received.length + failed.length) return { requests: records.length, rows: received, parsed };
    // Some keys were taken (repeats, rare): the rows that went in are those with their new ids.
    const present = new Set<string>();
    for (const chunk of chunked(received.map((row) => row.id), 1000)) {
      for (const { id } of await trx.selectFrom('inbox').select('id').where('id', 'in', chunk).execute()) present.add(id);
    }
    return { requests: records.length, rows: received.filter((row) => present.has(row.id)), parsed };
  }

  /** Deletes and returns the oldest rows holding about `maxEvents` events, in `seq` order. */
  private async take(trx: Kysely<Database>, maxEvents: number): Promise<InboxJournalRow[]> {
    if (this.scope !== 'workspace' || !this.db.dialect.supportsSkipLocked) return this.takeFrom(trx, maxEvents, undefined);
    // One workspace per locking read, oldest first, until the batch is full (claim-scope.ts).
    const records: InboxJournalRow[] = [];
    let events = 0;
    for (const workspaceId of await workspacesWithDueRows(trx, 'inbox_journal', 'seq', undefined, maxEvents)) {
      const taken = await this.takeFrom(trx, maxEvents - events, workspaceId);
      records.push(...taken);
      for (const record of taken) events += record.event_count;
      if (events >= maxEvents) break;
    }
    return records.sort((a, b) => a.seq - b.seq);
  }

  /** `take` within one workspace, or across all when `workspaceId` is undefined. */
  private async takeFrom(trx: Kysely<Database>, maxEvents: number, workspaceId: string | undefined): Promise<InboxJournalRow[]> {
    const seqs: number[] = [];
    let events = 0;
    // Heads are read a page at a time, each page four times the last: a batch of 100-event
    // requests needs ten heads, and reading `maxEvents` heads (up to a thousand) to use ten of
    // them cost more than the rest of the move. Rows locked (SKIP LOCKED) are those read.
    let after: number | undefined;
    for (let pageSize = JOURNAL_FIRST_PAGE; ; pageSize *= 4) {
      const limit = Math.max(1, Math.min(pageSize, maxEvents));
      let heads = trx.selectFrom('inbox_journal').select(['seq', 'event_count']);
      if (workspaceId !== undefined) heads = heads.where('workspace_id', '=', workspaceId);
      heads = heads.orderBy('seq').limit(limit);
      if (after !== undefined) heads = heads.where('seq', '>', after);
      if (this.db.dialect.supportsSkipLocked) heads = heads.forUpdate().skipLocked();
      const page = await heads.execute();
      let full = false;
      for (const head of page) {
        if (seqs.length > 0 && events + head.event_count > maxEvents) {
          full = true;
          break;
        }
        seqs.push(head.seq);
        events += head.event_count;
      }
      if (full || events >= maxEvents || page.length < limit) break;
      after = page[page.length - 1]!.seq;
    }
    if (seqs.length === 0) return [];
    let removal = trx.deleteFrom('inbox_journal');
    if (workspaceId !== undefined) removal = removal.where('workspace_id', '=', workspaceId);
    const records = await removal.where('seq', 'in', seqs).returningAll().execute();
    return records.sort((a, b) => a.seq - b.seq);
  }
}

function chunked<T>(items: T[], size: number): T[][] {
  const chunks: T[][] = [];
  for (let start = 0; start < items.length; start += size) chunks.push(items.slice(start, start + size));
  return chunks;
}

function inboxRow(record: InboxJournalRow, event: JournalEvent, now: number): InboxTable {
  const entry = {
    workspaceId: record.workspace_id,
    api: record.api,
    dedupeKey: event.dedupeKey,
    bodyHash: null,
    payload: event.payload,
    receivedAt: record.received_at,
    credentialId: record.credential_id,
    clientIp: record.client_ip,
  };
  return receivedRow(entry, now);
}

/** A row written as the worker that processes it in the same transaction will leave it. */
function processedRow(row: InboxTable, workerId: string, now: number): InboxTable {
  return { ...row, status: 'processed', locked_by: workerId, event_id: row.id, processed_at: now, available_at: null };
}

/** A request no expander could read: kept whole as one failed row, so it is visible, not lost. */
function unreadable(record: InboxJournalRow, error: Error, now: number): InboxTable {
  return {
    ...inboxRow(record, { dedupeKey: null, payload: record.body }, now),
    status: 'failed',
    available_at: null,
    processed_at: now,
    process_error: `The request could not be read into events: ${error.message}`.slice(0, 2000),
  };
}

import { CompiledQuery, sql, type Kysely, type Transaction } from 'kysely';
import type { Database, Db, InboxTable } from '../db/index.ts';
import { chunkRows } from '../db/index.ts';
import { GroupCommit } from './group-commit.ts';
import { receivedRow, storableKey } from './inbox-insert.ts';
import { IdempotencyConflict, type AppendedEntry, type InboxEntry } from './inbox-entry.ts';
import { insertJournalRows, JOURNAL_ROWS_PER_STATEMENT, journalInsertText, journalParameters, toJournalRow, type JournalRecord, type JournalRow } from './journal-record.ts';
import { SqliteAppender } from './sqlite-appender.ts';
import type { WalSync } from './wal-sync.ts';

/** Raised inside a flush to roll it back and write it again without the named requests. */
class RetryWithout extends Error {
  constructor(readonly requestIndexes: Set<number>) {
    super('retry flush without conflicting requests');
  }
}

/** One request of a group: inbox entries (deduplicated now) or a journal record (later). */
type GroupRequest = { entries: InboxEntry[] } | { journal: JournalRecord };

/** Where a group's rows go: Kysely inside a transaction, or the SQLite appender. */
interface RowStore {
  /** Appends journal rows. */
  insertJournal(rows: JournalRow[]): Promise<void>;
  /** Inserts rows whose dedupe key is new; returns the ids inserted. */
  insert(rows: InboxTable[]): Promise<Set<string>>;
  /** The first rows of dedupe keys that were already in the inbox before this flush. */
  loadExisting(repeats: InboxTable[]): Promise<Map<string, InboxTable>>;
}

async function synchronousOf(connection: Kysely<Database>): Promise<'NORMAL' | 'FULL'> {
  const { rows } = await sql<{ synchronous: number }>`pragma synchronous`.execute(connection);
  // 0 OFF, 1 NORMAL, 2 FULL, 3 EXTRA: never append less durably than the configuration.
  return (rows[0]?.synchronous ?? 2) >= 2 ? 'FULL' : 'NORMAL';
}

/**
 * One entry of a request: a row to insert (the first entry of its key in the flush, or one with
 * no key), or a repeat of a key an earlier entry of the flush holds. `key` is the dedupe map key.
 */
type Slot =
  | { kind: 'new'; key: string | null; row: InboxTable }
  | { kind: 'repeat'; key: string; bodyHash: string | null };

/** The row that answers for a key: stored before the flush, or taken by a request of it. */
interface Holder {
  id: string | undefined;
  bodyHash: string | null;
}

/**
 * Whether a repeat must be refused: both bodies were hashed, and differ. A row or entry without a
 * hash is deduplicated without comparison (Segment's messageId, a factory key that counts once),
 * and so are hashes of two kinds (`jcs:…` canonical JSON against a hash of raw bytes written
 * before canonical hashing): they cannot be compared, and refusing would refuse real retries.
 */
function bodiesDiffer(held: string | null, repeat: string | null): boolean {
  if (held === null || repeat === null) return false;
  return hashKind(held) === hashKind(repeat) && held !== repeat;
}

function hashKind(bodyHash: string): string {
  const colon = bodyHash.indexOf(':');
  return colon === -1 ? '' : bodyHash.slice(0, colon);
}

/**
 * Appends events to the inbox durably. Each `append` call is one request's events, each
 * `appendToJournal` call one request kept whole; calls made in the same event-loop turn are
 * committed in one transaction (see GroupCommit). Deduplication is a unique index on
 * (workspace_id, dedupe_key), so it holds across processes and restarts: at once for `append`,
 * when a worker moves the request's events into the inbox for `appendToJournal`.
 */
export class InboxWriter {
  private readonly committer: GroupCommit<GroupRequest, AppendedEntry[] | undefined>;
  private appender: SqliteAppender | undefined;

  /**
   * @param walSync makes each group durable without blocking the event loop (SQLite at FULL, see
   *   WalSync); without it the group commits as the connection is configured.
   */
  constructor(
    private readonly db: Db,
    private readonly onCommitted: () => void = () => {},
    private readonly walSync?: WalSync,
    /** Called once events are durable (answered 2xx), with their API and how many were new. */
    private readonly onAccepted: (api: string, count: number) => void = () => {},
  ) {
    // One group at a time, also at FULL: letting a second group write during the first one's WAL
    // fsync made groups smaller and commits more frequent, and measured 6-8 % slower on /v1/track
    // (bench/profile runs, 2026-11-25); requests that arrive during the sync join the next group.
    this.committer = new GroupCommit((requests) => this.commit(requests), 5_000);
  }

  /**
   * Resolves once the entries are on disk. Throws IdempotencyConflict when a key was used before
   * with a different body; then none of the call's entries is written.
   */
  async append(entries: InboxEntry[]): Promise<AppendedEntry[]> {
    if (entries.length === 0) return [];
    const appended = (await this.committer.submit({ entries })) as AppendedEntry[];
    const fresh = appended.reduce((n, entry) => (entry.duplicate ? n : n + 1), 0);
    if (fresh > 0) this.onAccepted(entries[0]!.api, fresh);
    return appended;
  }

  /**
   * Resolves once the request is on disk, kept as received; a worker splits it into inbox rows
   * and deduplicates them later (see journal-record.ts). For APIs whose answer does not depend on
   * whether an event repeats.
   */
  async appendToJournal(record: JournalRecord): Promise<void> {
    await this.committer.submit({ journal: record });
    // Repeats in a journal request are found later, by the worker: every event counts here.
    this.onAccepted(record.api, record.eventCount);
  }

  drain(): Promise<void> {
    return this.committer.drain();
  }

  /** Waits for pending groups, then closes the SQLite append connection (if one was opened). */
  async close(): Promise<void> {
    await this.committer.drain();
    this.appender?.close();
    this.appender = undefined;
    await this.walSync?.close();
  }

  private async commit(group: GroupRequest[]): Promise<Array<AppendedEntry[] | undefined | Error>> {
    const requests: InboxEntry[][] = [];
    const journal: JournalRow[] = [];
    for (const request of group) {
      if ('entries' in request) requests.push(request.entries);
      else journal.push(toJournalRow(request.journal));
    }
    const refused = new Set<number>();
    // Each retry removes at least one request, so this ends; two passes are the norm for a conflict.
    for (;;) {
      try {
        const results =
          this.db.dialect.singleWriter ? await this.commitSqlite(requests, journal, refused) : await this.commitKysely(requests, journal, refused);
        this.onCommitted();
        // Back in the group's order: entry requests take their results in turn, journal records none.
        let next = 0;
        return group.map((request) => ('entries' in request ? results[next++]! : undefined));
      } catch (error) {
        if (!(error instanceof RetryWithout)) throw error;
        for (const index of error.requestIndexes) refused.add(index);
      }
    }
  }

  private async commitKysely(requests: InboxEntry[][], journal: JournalRow[], refused: ReadonlySet<number>): Promise<Array<AppendedEntry[] | Error>> {
    if (requests.length === 0 && journal.length <= JOURNAL_ROWS_PER_STATEMENT && !this.walSync) {
      // Journal records only (Segment's routes) that fit one statement: it commits on its own,
      // durably and all or nothing, in one round trip instead of begin, insert and commit.
      const text = journalInsertText(this.db.dialect, journal.length);
      await this.db.kysely.executeQuery(CompiledQuery.raw(text, journalParameters(journal, 0, journal.length)));
      return [];
    }
    const write = (trx: Transaction<Database>) =>
      this.write(requests, journal, refused, {
        insertJournal: (rows) => insertJournalRows(trx, this.db.dialect, rows),
        insert: (rows) => insertRows(trx, rows, this.db),
        loadExisting: (repeats) => loadExisting(trx, repeats),
      });
    return this.walSync ? this.walSync.transaction(write) : this.db.kysely.transaction().execute(write);
  }

  /**
   * SQLite: the group is written through the appender's own connection while this process's Kysely
   * connection is held, so nothing else of this process writes in between (see SqliteAppender).
   * The WAL sync runs after the connection is released: other queries go on during the fsync.
   */
  private async commitSqlite(requests: InboxEntry[][], journal: JournalRow[], refused: ReadonlySet<number>): Promise<Array<AppendedEntry[] | Error>> {
    const results = await this.db.kysely.connection().execute(async (connection) => {
      const appender = (this.appender ??= new SqliteAppender(this.db.location, this.walSync ? 'NORMAL' : await synchronousOf(connection)));
      return appender.transaction(() =>
        this.write(requests, journal, refused, {
          insertJournal: async (rows) => appender.insertJournal(rows),
          insert: async (rows) => appender.insert(rows),
          loadExisting: async (repeats) => {
            const found = new Map<string, InboxTable>();
            for (const row of repeats) {
              const first = appender.find(row.workspace_id, row.dedupe_key!);
              if (first) found.set(dedupeMapKey(first.workspace_id, first.dedupe_key!), first);
            }
            return found;
          },
        }),
      );
    });
    if (this.walSync) await this.walSync.sync();
    return results;
  }

  /**
   * Writes a group's rows and answers each request. A repeat is compared with the row that holds
   * its key: the row stored before this flush, else the first entry of the flush from a request
   * that is kept. Requests are judged in order, so one refused for a conflict never holds a key
   * against the requests after it; when any request is refused the flush is written again without
   * it (RetryWithout), and the next pass inserts the rows of the entries that now hold their keys.
   */
  private async write(
    requests: InboxEntry[][],
    journal: JournalRow[],
    refused: ReadonlySet<number>,
    store: RowStore,
  ): Promise<Array<AppendedEntry[] | Error>> {
    if (journal.length > 0) await store.insertJournal(journal);
    if (requests.length === 0) return [];
    const rows: InboxTable[] = [];
    const slots: Slot[][] = [];
    const firstInFlush = new Set<string>();

    requests.forEach((entries, requestIndex) => {
      const requestSlots: Slot[] = [];
      slots.push(requestSlots);
      if (refused.has(requestIndex)) return;
      for (const entry of entries) {
        const storedKey = storableKey(entry.dedupeKey);
        const key = storedKey === null ? null : dedupeMapKey(entry.workspaceId, storedKey);
        if (key !== null && firstInFlush.has(key)) {
          requestSlots.push({ kind: 'repeat', key, bodyHash: entry.bodyHash });
          continue;
        }
        const row = receivedRow(entry, entry.receivedAt);
        if (key !== null) firstInFlush.add(key);
        rows.push(row);
        requestSlots.push({ kind: 'new', key, row });
      }
    });

    const inserted = await store.insert(rows);
    const existing = await store.loadExisting(rows.filter((row) => row.dedupe_key !== null && !inserted.has(row.id)));
    const holders = new Map<string, Holder>();
    for (const [key, row] of existing) holders.set(key, { id: row.id, bodyHash: row.body_hash });

    const conflicts = new Set<number>();
    const results: Array<AppendedEntry[] | Error> = [];
    slots.forEach((requestSlots, requestIndex) => {
      if (refused.has(requestIndex)) {
        results.push(new IdempotencyConflict(requests[requestIndex]!.map((_, i) => i)));
        return;
      }
      // Keys this request takes hold only if all of its entries are kept (a request is atomic).
      const taken = new Map<string, Holder>();
      const answers: AppendedEntry[] = [];
      let conflict = false;
      for (const slot of requestSlots) {
        if (slot.key === null) {
          if (slot.kind === 'new') answers.push({ id: slot.row.id, duplicate: false });
          continue;
        }
        const bodyHash = slot.kind === 'new' ? slot.row.body_hash : slot.bodyHash;
        const holder = holders.get(slot.key) ?? taken.get(slot.key);
        if (holder) {
          if (bodiesDiffer(holder.bodyHash, bodyHash)) conflict = true;
          answers.push({ id: holder.id!, duplicate: true });
          continue;
        }
        // Nothing holds the key yet. Its row went in only if this entry was the first of the
        // flush; a repeat takes the key here after the first's request was refused, and then this
        // pass ends in a retry (that request is in `conflicts`), whose first entry this one is.
        const id = slot.kind === 'new' && inserted.has(slot.row.id) ? slot.row.id : undefined;
        taken.set(slot.key, { id, bodyHash });
        answers.push({ id: id!, duplicate: false });
      }
      if (conflict) {
        conflicts.add(requestIndex);
        results.push(new IdempotencyConflict(requests[requestIndex]!.map((_, i) => i)));
        return;
      }
      for (const [key, holder] of taken) holders.set(key, holder);
      results.push(answers);
    });
    if (conflicts.size > 0) throw new RetryWithout(conflicts);
    for (const answers of results) {
      if (!(answers instanceof Error) && answers.some((answer) => answer.id === undefined)) throw new Error('inbox row neither inserted nor found');
    }
    return results;
  }
}

function dedupeMapKey(workspaceId: string, dedupeKey: string): string {
  return `${workspaceId}\u0000${dedupeKey}`;
}

async function insertRows(trx: Kysely<Database>, rows: InboxTable[], db: Db): Promise<Set<string>> {
  const inserted = new Set<string>();
  for (const chunk of chunkRows(rows, db.dialect)) {
    const returned = await trx
      .insertInto('inbox')
      .values(chunk)
      .onConflict((oc) => oc.columns(['workspace_id', 'dedupe_key']).doNothing())
      .returning('id')
      .execute();
    for (const { id } of returned) inserted.add(id);
  }
  return inserted;
}

/** The first rows for dedupe keys that were already in the inbox before this flush. */
async function loadExisting(trx: Kysely<Database>, repeats: InboxTable[]): Promise<Map<string, InboxTable>> {
  const found = new Map<string, InboxTable>();
  if (repeats.length === 0) return found;
  const byWorkspace = new Map<string, string[]>();
  for (const row of repeats) {
    const keys = byWorkspace.get(row.workspace_id) ?? [];
    keys.push(row.dedupe_key!);
    byWorkspace.set(row.workspace_id, keys);
  }
  for (const [workspaceId, keys] of byWorkspace) {
    for (let i = 0; i < keys.length; i += 1000) {
      const rows = await trx
        .selectFrom('inbox')
        .selectAll()
        .where('workspace_id', '=', workspaceId)
        .where('dedupe_key', 'in', keys.slice(i, i + 1000))
        .execute();
      for (const row of rows) found.set(dedupeMapKey(row.workspace_id, row.dedupe_key!), row);
    }
  }
  return found;
}

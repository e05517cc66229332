import { sql, type Kysely, type Transaction } from 'kysely';
import type { Database, Db, InboxTable } from '../db/index.ts';
import { chunkRows } from '../db/index.ts';
import { GroupCommit } from './group-commit.ts';
import { receivedRow, storableKey } from './inbox-insert.ts';
import { IdempotencyConflict, type AppendedEntry, type InboxEntry } from './inbox-entry.ts';
import { insertJournalRows, toJournalRow, type JournalRecord, type JournalRow } from './journal-record.ts';
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

type Slot =
  | { kind: 'new'; row: InboxTable }
  | { kind: 'repeat'; key: string; bodyHash: string | null };

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
  append(entries: InboxEntry[]): Promise<AppendedEntry[]> {
    if (entries.length === 0) return Promise.resolve([]);
    return this.committer.submit({ entries }) as Promise<AppendedEntry[]>;
  }

  /**
   * Resolves once the request is on disk, kept as received; a worker splits it into inbox rows
   * and deduplicates them later (see journal-record.ts). For APIs whose answer does not depend on
   * whether an event repeats.
   */
  async appendToJournal(record: JournalRecord): Promise<void> {
    await this.committer.submit({ journal: record });
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
          this.db.dialect.name === 'sqlite' ? await this.commitSqlite(requests, journal, refused) : await this.commitKysely(requests, journal, refused);
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
    const firstInFlush = new Map<string, InboxTable>();
    const conflicts = new Set<number>();

    requests.forEach((entries, requestIndex) => {
      const requestSlots: Slot[] = [];
      slots.push(requestSlots);
      if (refused.has(requestIndex)) return;
      for (const entry of entries) {
        const storedKey = storableKey(entry.dedupeKey);
        const key = storedKey === null ? null : dedupeMapKey(entry.workspaceId, storedKey);
        const earlier = key === null ? undefined : firstInFlush.get(key);
        if (earlier && key !== null) {
          if (entry.bodyHash !== null && earlier.body_hash !== entry.bodyHash) conflicts.add(requestIndex);
          requestSlots.push({ kind: 'repeat', key, bodyHash: entry.bodyHash });
          continue;
        }
        const row = receivedRow(entry, entry.receivedAt);
        if (key !== null) firstInFlush.set(key, row);
        rows.push(row);
        requestSlots.push({ kind: 'new', row });
      }
    });
    if (conflicts.size > 0) throw new RetryWithout(conflicts);

    const inserted = await store.insert(rows);
    const existing = await store.loadExisting(rows.filter((row) => row.dedupe_key !== null && !inserted.has(row.id)));

    const results: Array<AppendedEntry[] | Error> = [];
    slots.forEach((requestSlots, requestIndex) => {
      if (refused.has(requestIndex)) {
        results.push(new IdempotencyConflict(requests[requestIndex]!.map((_, i) => i)));
        return;
      }
      const answers: AppendedEntry[] = [];
      for (const slot of requestSlots) {
        const key = slot.kind === 'new' ? (slot.row.dedupe_key === null ? null : dedupeMapKey(slot.row.workspace_id, slot.row.dedupe_key)) : slot.key;
        if (slot.kind === 'new' && inserted.has(slot.row.id)) {
          answers.push({ id: slot.row.id, duplicate: false });
          continue;
        }
        const bodyHash = slot.kind === 'new' ? slot.row.body_hash : slot.bodyHash;
        // A key first seen before this flush is in `existing`; one first seen in this flush is not.
        const first = key === null ? undefined : (existing.get(key) ?? firstInFlush.get(key));
        if (!first) throw new Error('inbox row neither inserted nor found');
        if (bodyHash !== null && first.body_hash !== null && first.body_hash !== bodyHash) conflicts.add(requestIndex);
        answers.push({ id: first.id, duplicate: true });
      }
      results.push(answers);
    });
    if (conflicts.size > 0) throw new RetryWithout(conflicts);
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

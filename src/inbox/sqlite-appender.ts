import SQLite from 'better-sqlite3';
import { rowParameters, SQLITE_CAPABILITIES, type InboxTable } from '../db/index.ts';
import { INBOX_COLUMNS, INBOX_ROWS_PER_STATEMENT, inboxInsertText } from './inbox-insert.ts';
import { journalInsertText, journalParameters, JOURNAL_ROWS_PER_STATEMENT, type JournalRow } from './journal-record.ts';

/**
 * Inbox appends on SQLite through a connection of their own, with prepared statements kept for
 * the life of the process.
 *
 * Through Kysely a group of 100 events cost about 22 µs of CPU per event, half of it outside
 * SQLite: building and compiling a 1,700-value query tree, then preparing that statement again on
 * every flush (Kysely's SQLite driver keeps no statement cache). Cached statements cost a
 * fraction of that.
 *
 * The connection is a second writer on the file, so the caller must hold Kysely's connection (its
 * mutex) while it writes: then no transaction of this process is open on the other connection and
 * the two never wait for each other. Other processes are waited for as usual (busy_timeout), and
 * `BEGIN IMMEDIATE` takes the write lock at the start, so a group never fails on a lock upgrade.
 *
 * With a WalSync it runs at `synchronous=NORMAL` and the caller fdatasyncs the WAL before
 * answering, which is what FULL guarantees; without one it runs at the main connection's level.
 */
export class SqliteAppender {
  private connection: SQLite.Database | undefined;
  private readonly inserts = new Map<number, SQLite.Statement>();
  private readonly journalInserts = new Map<number, SQLite.Statement>();
  private readonly findIds = new Map<number, SQLite.Statement>();
  private findByKey: SQLite.Statement | undefined;

  /**
   * @param synchronous NORMAL when a WalSync makes each group durable; else the level of the main
   *   connection, so appends are exactly as durable as the configuration says.
   */
  constructor(
    private readonly file: string,
    private readonly synchronous: 'NORMAL' | 'FULL',
  ) {}

  /** Runs `write` in one `BEGIN IMMEDIATE` transaction, rolled back if it throws. */
  async transaction<T>(write: () => Promise<T>): Promise<T> {
    const connection = this.open();
    connection.exec('begin immediate');
    try {
      const result = await write();
      connection.exec('commit');
      return result;
    } catch (error) {
      if (connection.inTransaction) connection.exec('rollback');
      throw error;
    }
  }

  /**
   * Inserts rows, skipping those whose dedupe key exists; returns the ids of the rows inserted.
   *
   * The insert returns only a count: `returning id` made SQLite produce, and the driver convert, a
   * row per insert, about 15 % of the insert's cost. When the count falls short (a repeated
   * dedupe key, rare), the rows that went in are found by their ids, which are new.
   */
  insert(rows: readonly InboxTable[]): Set<string> {
    const inserted = new Set<string>();
    for (let start = 0; start < rows.length; start += INBOX_ROWS_PER_STATEMENT) {
      const count = Math.min(INBOX_ROWS_PER_STATEMENT, rows.length - start);
      const params = rowParameters(rows, start, count, INBOX_COLUMNS);
      const { changes } = this.insertStatement(count).run(params);
      if (changes === count) {
        for (let i = start; i < start + count; i++) inserted.add(rows[i]!.id);
        continue;
      }
      const ids = rows.slice(start, start + count).map((row) => row.id);
      for (const id of this.findIdsStatement(count).all(ids) as string[]) inserted.add(id);
    }
    return inserted;
  }

  /** Appends journal rows (requests kept as received, see journal-record.ts). */
  insertJournal(rows: readonly JournalRow[]): void {
    for (let start = 0; start < rows.length; start += JOURNAL_ROWS_PER_STATEMENT) {
      const count = Math.min(JOURNAL_ROWS_PER_STATEMENT, rows.length - start);
      let statement = this.journalInserts.get(count);
      if (!statement) {
        statement = this.open().prepare(journalInsertText(SQLITE_CAPABILITIES, count));
        this.journalInserts.set(count, statement);
      }
      statement.run(journalParameters(rows, start, count));
    }
  }

  /** The row holding a dedupe key in a workspace, if any (through the unique index). */
  find(workspaceId: string, dedupeKey: string): InboxTable | undefined {
    this.findByKey ??= this.open().prepare('select * from inbox where workspace_id = ? and dedupe_key = ?');
    return this.findByKey.get(workspaceId, dedupeKey) as InboxTable | undefined;
  }

  close(): void {
    this.connection?.close();
    this.connection = undefined;
    this.inserts.clear();
    this.journalInserts.clear();
    this.findIds.clear();
    this.findByKey = undefined;
  }

  private insertStatement(rowCount: number): SQLite.Statement {
    let statement = this.inserts.get(rowCount);
    if (!statement) {
      statement = this.open().prepare(inboxInsertText(SQLITE_CAPABILITIES, rowCount));
      this.inserts.set(rowCount, statement);
    }
    return statement;
  }

  private findIdsStatement(idCount: number): SQLite.Statement {
    let statement = this.findIds.get(idCount);
    if (!statement) {
      statement = this.open()
        .prepare(`select id from inbox where id in (${Array(idCount).fill('?').join(', ')})`)
        .pluck();
      this.findIds.set(idCount, statement);
    }
    return statement;
  }

  /** Opened on first use, so a runtime that never ingests (or fails to start) holds no extra handle. */
  private open(): SQLite.Database {
    if (this.connection) return this.connection;
    const connection = new SQLite(this.file);
    connection.pragma(`synchronous = ${this.synchronous}`);
    connection.pragma('busy_timeout = 5000');
    // Checkpoints run on the committing connection: the same threshold as the main connection.
    connection.pragma('wal_autocheckpoint = 4000');
    this.connection = connection;
    return connection;
  }
}

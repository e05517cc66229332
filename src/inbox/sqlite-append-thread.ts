import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';
import { rowParameters, type InboxTable } from '../db/index.ts';

/** Column order of every insert: the parameters of one row are bound in this order. */
const COLUMNS = [
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

/** Rows per INSERT statement: 50 × 17 parameters, far below SQLite's limit, and 50 cached statements at most. */
const ROWS_PER_STATEMENT = 50;

/**
 * The thread's side, in plain JavaScript (worker threads do not inherit the TypeScript loader).
 * It owns one connection and answers one message at a time, in order:
 * - `append`: BEGIN IMMEDIATE, insert the rows (skipping dedupe keys that exist), then COMMIT at
 *   once when every row went in; otherwise load the rows that hold the repeated keys and keep the
 *   transaction open for the caller's `commit` or `rollback` (it may refuse a conflicting request).
 * - `close`: closes the connection and the thread.
 */
const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const SQLite = require(workerData.driver);
const { file, synchronous, columns, rowsPerStatement } = workerData;
const ID = columns.indexOf('id');
const WORKSPACE = columns.indexOf('workspace_id');
const KEY = columns.indexOf('dedupe_key');
const width = columns.length;

const db = new SQLite(file);
db.pragma('synchronous = ' + synchronous);
db.pragma('busy_timeout = 5000');
db.pragma('wal_autocheckpoint = 0');
const findByKey = db.prepare('select * from inbox where workspace_id = ? and dedupe_key = ?');
const inserts = new Map();

function insertStatement(count) {
  let statement = inserts.get(count);
  if (!statement) {
    const row = '(' + columns.map(() => '?').join(', ') + ')';
    statement = db
      .prepare('insert into inbox (' + columns.join(', ') + ') values ' + Array(count).fill(row).join(', ') +
        ' on conflict (workspace_id, dedupe_key) do nothing returning id')
      .pluck();
    inserts.set(count, statement);
  }
  return statement;
}

function append(params, count) {
  db.exec('begin immediate');
  try {
    const inserted = [];
    for (let start = 0; start < count; start += rowsPerStatement) {
      const rows = Math.min(rowsPerStatement, count - start);
      const slice = params.slice(start * width, (start + rows) * width);
      for (const id of insertStatement(rows).all(slice)) inserted.push(id);
    }
    if (inserted.length === count) {
      db.exec('commit');
      return { inserted, existing: [], open: false };
    }
    const insertedSet = new Set(inserted);
    const existing = [];
    for (let row = 0; row < count; row++) {
      const at = row * width;
      if (insertedSet.has(params[at + ID]) || params[at + KEY] === null) continue;
      const first = findByKey.get(params[at + WORKSPACE], params[at + KEY]);
      if (first) existing.push(first);
    }
    return { inserted, existing, open: true };
  } catch (error) {
    if (db.inTransaction) db.exec('rollback');
    throw error;
  }
}

function handle(message) {
  switch (message.op) {
    case 'append': return append(message.params, message.count);
    case 'commit': db.exec('commit'); return null;
    case 'rollback': if (db.inTransaction) db.exec('rollback'); return null;
    case 'close':
      db.close();
      return null;
    default: throw new Error('unknown operation ' + message.op);
  }
}

parentPort.on('message', (message) => {
  try {
    parentPort.postMessage({ id: message.id, result: handle(message) });
  } catch (error) {
    parentPort.postMessage({ id: message.id, error: { message: String(error && error.message || error), code: error && error.code } });
  }
  if (message.op === 'close') parentPort.close();
});
`;

export interface AppendOutcome {
  /** Ids of the rows inserted (their dedupe key was new). */
  inserted: Set<string>;
  /** For rows not inserted: the rows that already hold their dedupe keys. */
  existing: InboxTable[];
  /** True when the transaction is still open and waits for `commit` or `rollback`. */
  open: boolean;
}

type Pending = { resolve: (value: unknown) => void; reject: (error: Error) => void };

/**
 * Inbox appends on SQLite, written by a thread of their own.
 *
 * better-sqlite3 runs every statement synchronously, so on the event loop a group's inserts and
 * commit (about 9 µs per row) stop everything else: reading requests, parsing them, answering
 * them. Here they run on the other core while the event loop goes on building the next group;
 * the loop only flattens the rows and copies them over. The WAL fsync that makes a group durable
 * at FULL stays in libuv's pool (WalSync), so the thread writes the next group during that sync.
 *
 * The connection is a second writer on the file, so the caller holds Kysely's connection (its
 * mutex) from `append` to the end of the transaction: then no transaction of this process is open
 * on the main connection, and the two never wait for each other. Other processes are waited for
 * as usual (busy_timeout); `BEGIN IMMEDIATE` takes the write lock first, so a group never fails on
 * a lock upgrade.
 *
 * With a WalSync the caller opens it at NORMAL and syncs the WAL before answering, which is what
 * FULL guarantees; without one at the level of the main connection.
 */
export class SqliteAppendThread {
  private worker: Worker | undefined;
  private readonly pending = new Map<number, Pending>();
  private nextId = 1;

  constructor(
    private readonly file: string,
    private readonly synchronous: 'NORMAL' | 'FULL',
  ) {}

  /**
   * Inserts rows whose dedupe key is new. Commits at once when all went in; otherwise returns the
   * rows holding the repeated keys with the transaction still open.
   */
  async append(rows: readonly InboxTable[]): Promise<AppendOutcome> {
    if (rows.length === 0) return { inserted: new Set(), existing: [], open: false };
    const params = rowParameters(rows, 0, rows.length, COLUMNS);
    const result = (await this.call({ op: 'append', params, count: rows.length })) as { inserted: string[]; existing: InboxTable[]; open: boolean };
    return { inserted: new Set(result.inserted), existing: result.existing, open: result.open };
  }

  async commit(): Promise<void> {
    await this.call({ op: 'commit' });
  }

  async rollback(): Promise<void> {
    await this.call({ op: 'rollback' });
  }

  /** Closes the connection and ends the thread (a later call starts a new one). */
  async close(): Promise<void> {
    const worker = this.worker;
    if (!worker) return;
    const exited = new Promise<void>((resolve) => worker.once('exit', () => resolve()));
    await this.call({ op: 'close' }).catch(() => {});
    await exited;
  }

  private call(message: Record<string, unknown>): Promise<unknown> {
    const worker = this.start();
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      // Referenced only while a call waits: an idle thread never keeps the process alive.
      if (this.pending.size === 0) worker.ref();
      this.pending.set(id, { resolve, reject });
      worker.postMessage({ ...message, id });
    });
  }

  /** Started on first use, so a runtime that never ingests holds no thread or extra handle. */
  private start(): Worker {
    if (this.worker) return this.worker;
    const worker = new Worker(WORKER_SOURCE, {
      eval: true,
      // Everything the thread allocates is short-lived (one group's rows): a small young generation
      // keeps its heap, and the process's RSS, small.
      resourceLimits: { maxYoungGenerationSizeMb: 8 },
      workerData: {
        file: this.file,
        synchronous: this.synchronous,
        driver: createRequire(import.meta.url).resolve('better-sqlite3'),
        columns: COLUMNS,
        rowsPerStatement: ROWS_PER_STATEMENT,
      },
    });
    worker.unref();
    worker.on('message', (reply: { id: number; result?: unknown; error?: { message: string; code?: string } }) => {
      const waiting = this.pending.get(reply.id);
      if (!waiting) return;
      this.pending.delete(reply.id);
      if (this.pending.size === 0) worker.unref();
      if (reply.error) waiting.reject(Object.assign(new Error(reply.error.message), { code: reply.error.code }));
      else waiting.resolve(reply.result);
    });
    // A thread that dies takes its connection with it (SQLite rolls back an open transaction):
    // fail what was waiting, and start a new thread on the next call.
    const fail = (error: Error) => {
      if (this.worker === worker) this.worker = undefined;
      for (const waiting of this.pending.values()) waiting.reject(error);
      this.pending.clear();
    };
    worker.on('error', fail);
    worker.on('exit', () => fail(new Error('the inbox append thread has ended')));
    this.worker = worker;
    return worker;
  }
}

import { open, type FileHandle } from 'node:fs/promises';
import type { Transaction } from 'kysely';
import type { Database, Db } from '../db/index.ts';

/**
 * `synchronous=FULL` for inbox appends without stopping the event loop for the fsync.
 *
 * With better-sqlite3 a commit is a synchronous call, and under FULL it fsyncs the WAL inside
 * that call: about 4 ms on this class of disk, during which the process cannot read a single
 * request. At 64 connections that capped durable single-event ingest near half of what the same
 * server reaches with NORMAL. So the inbox commits its group with NORMAL (the frames are written
 * to the WAL, not yet synced) and then fdatasyncs the WAL file through libuv's thread pool; the
 * requests are answered only after that sync, so a 2xx means exactly what FULL means: the WAL
 * holding the event is on stable storage. Everything else keeps the connection's FULL.
 * The inbox writer commits on its own connection, which stays at NORMAL (SqliteAppender), and
 * calls `sync`; `transaction` does the same on the shared Kysely connection by switching the
 * pragma for that commit (Db.relaxedTransaction).
 *
 * Why this is as safe as FULL: SQLite's FULL is "sync the WAL at each commit"; here the same sync
 * happens before the answer instead of inside the commit. Checkpoints are unchanged (NORMAL
 * syncs the WAL before and the database after each checkpoint), so a WAL reset never drops
 * frames that were acknowledged. The WAL header written when the WAL restarts is in the same
 * file, so the same sync covers it.
 */
export class WalSync {
  /**
   * Kept open: one thread-pool call per sync instead of three (open, sync, close). SQLite deletes
   * or replaces the WAL only when the last connection to the database closes, and this process
   * holds its connections for as long as it syncs, so the handle always names the current WAL.
   */
  private handle: Promise<FileHandle> | undefined;
  /**
   * Syncs share: states idle → syncing (`running`) → syncing with one queued (`queued`). A caller
   * that arrives while a sync runs cannot ride on it (its commit may have come after that sync
   * began), so it waits for the queued one, which starts when the running one ends and covers
   * every commit made before it starts; any number of callers share that one. The inbox's groups
   * and the worker's batches commit in turns, so their syncs often fall together.
   */
  private running: Promise<void> | undefined;
  private queued: Promise<void> | undefined;

  constructor(
    private readonly db: Db,
    private readonly walFile: string,
  ) {}

  /**
   * Runs `write` in one transaction committed without an fsync (Db.relaxedTransaction), then
   * syncs the WAL; resolves once durable.
   */
  async transaction<T>(write: (trx: Transaction<Database>) => Promise<T>): Promise<T> {
    const result = await this.db.relaxedTransaction(write);
    await this.sync();
    return result;
  }

  /** Resolves once everything committed before the call is on stable storage (see `running`). */
  sync(): Promise<void> {
    if (this.running === undefined) return this.start();
    this.queued ??= this.running.then(
      () => this.start(),
      () => this.start(),
    );
    return this.queued;
  }

  private start(): Promise<void> {
    this.queued = undefined;
    const running = this.datasync().finally(() => {
      if (this.running === running) this.running = undefined;
    });
    this.running = running;
    return running;
  }

  /** fdatasync of the WAL file, off the event loop. */
  protected async datasync(): Promise<void> {
    // A failed open is not kept: the next sync tries again.
    this.handle ??= open(this.walFile, 'r').catch((error: unknown) => {
      this.handle = undefined;
      throw error;
    });
    await (await this.handle).datasync();
  }

  /** Closes the WAL file handle once the syncs asked for have ended; a later sync opens it again. */
  async close(): Promise<void> {
    // The inbox writer and the worker share this object: a sync one of them still waits for ends
    // first (its failure is that caller's to report), rather than on a closed handle.
    await Promise.allSettled([this.running, this.queued]);
    const handle = this.handle;
    this.handle = undefined;
    if (handle) await (await handle).close();
  }
}

/**
 * The WalSync for a database whose commits must survive power loss: SQLite at FULL. PostgreSQL
 * commits are as durable as its server makes them, and NORMAL asks for no sync at all.
 */
export function walSyncFor(db: Db, synchronous: 'FULL' | 'NORMAL'): WalSync | undefined {
  // The one place that needs the database file itself; `location` is that file's path then.
  const suffix = db.dialect.walFileSuffix;
  if (suffix === undefined || synchronous !== 'FULL') return undefined;
  return new WalSync(db, `${db.location}${suffix}`);
}

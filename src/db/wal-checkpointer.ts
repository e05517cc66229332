import { statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';

/** WAL size that wakes the checkpointer: about 1,000 pages, SQLite's own default threshold. */
const DEFAULT_THRESHOLD_BYTES = 4 * 1024 * 1024;
const DEFAULT_INTERVAL_MS = 250;

/**
 * The checkpoint thread, in plain JavaScript: worker threads do not inherit the TypeScript loader.
 * It runs PASSIVE checkpoints (never waiting for, nor blocking, readers and writers) whenever the
 * WAL has grown past the threshold, and ends on a `stop` message after closing its connection.
 */
const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const { statSync } = require('node:fs');
const SQLite = require(workerData.driver);
const db = new SQLite(workerData.file);
db.pragma('busy_timeout = 5000');
db.pragma('wal_autocheckpoint = 0');
const walSize = () => { try { return statSync(workerData.file + '-wal').size; } catch { return 0; } };
let running = true;
const tick = () => {
  if (!running) return;
  if (walSize() >= workerData.thresholdBytes) {
    try { db.pragma('wal_checkpoint(PASSIVE)'); } catch (error) { parentPort.postMessage({ error: String(error && error.message || error) }); }
  }
  setTimeout(tick, workerData.intervalMs);
};
tick();
parentPort.on('message', (message) => {
  if (message !== 'stop') return;
  running = false;
  db.close();
  parentPort.close();
});
`;

export interface WalCheckpointerOptions {
  thresholdBytes?: number;
  intervalMs?: number;
  /** Told about checkpoint failures (they are retried on the next tick). */
  onError?: (message: string) => void;
}

/**
 * Checkpoints a SQLite database in WAL mode from a thread of its own.
 *
 * SQLite's automatic checkpoint runs inside the commit that crosses the threshold, on whichever
 * connection commits: with better-sqlite3 that is the event loop, which then stops for the whole
 * checkpoint (copying every WAL page into the database file and syncing it), tripling ingest's
 * p99. With this, the server's connections set `wal_autocheckpoint = 0` and the copy runs here,
 * on the other core, while requests go on. The thread starts only once the WAL first crosses the
 * threshold (a check of the file's size every interval), so short-lived databases (tests, the
 * CLI) never pay for it.
 *
 * Durability is unchanged: a checkpoint only copies frames that are already committed to the
 * database file, and SQLite syncs the WAL before and the database after it at NORMAL and FULL.
 */
export class WalCheckpointer {
  private worker: Worker | undefined;
  private timer: NodeJS.Timeout | undefined;
  private closed = false;
  private readonly thresholdBytes: number;
  private readonly intervalMs: number;

  constructor(
    private readonly file: string,
    private readonly options: WalCheckpointerOptions = {},
  ) {
    this.thresholdBytes = options.thresholdBytes ?? DEFAULT_THRESHOLD_BYTES;
    this.intervalMs = options.intervalMs ?? DEFAULT_INTERVAL_MS;
    this.watch();
  }

  /** Whether the checkpoint thread is running (it starts once the WAL first grows past the threshold). */
  get started(): boolean {
    return this.worker !== undefined;
  }

  /** Stops the thread after its current checkpoint; resolves when it has closed its connection. */
  async close(): Promise<void> {
    this.closed = true;
    clearInterval(this.timer);
    const worker = this.worker;
    this.worker = undefined;
    if (!worker) return;
    const exited = new Promise<void>((resolve) => worker.once('exit', () => resolve()));
    worker.postMessage('stop');
    await exited;
  }

  /** Checks the WAL's size every interval until the thread is needed. */
  private watch(): void {
    this.timer = setInterval(() => this.startWhenNeeded(), this.intervalMs);
    this.timer.unref();
  }

  private startWhenNeeded(): void {
    if (this.worker) return;
    let size = 0;
    try {
      size = statSync(`${this.file}-wal`).size;
    } catch {
      return;
    }
    if (size < this.thresholdBytes) return;
    clearInterval(this.timer);
    const worker = new Worker(WORKER_SOURCE, {
      eval: true,
      workerData: {
        file: this.file,
        driver: createRequire(import.meta.url).resolve('better-sqlite3'),
        thresholdBytes: this.thresholdBytes,
        intervalMs: this.intervalMs,
      },
    });
    worker.unref();
    worker.on('message', (message: { error?: string }) => {
      if (message.error) this.options.onError?.(message.error);
    });
    worker.on('error', (error) => this.options.onError?.(error.message));
    // A thread that dies (its connection failed to open, say) is started again later, never left dead.
    worker.on('exit', () => {
      if (this.worker !== worker) return;
      this.worker = undefined;
      if (!this.closed) this.watch();
    });
    this.worker = worker;
  }
}

import { copyFileSync, existsSync, mkdirSync, readdirSync, renameSync, rmSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import SQLite from 'better-sqlite3';

/** The database file inside a data directory (see connect.ts). */
export const SQLITE_FILE = 'tributary.sqlite';

/** A backup or restore that cannot be made; the message says why and what to do. */
export class BackupError extends Error {}

export interface BackupResult {
  file: string;
  bytes: number;
  /** Events (inbox rows) and journal requests in the copy, to compare with what was acknowledged. */
  inboxRows: number;
  journalRequests: number;
}

/**
 * Copies the SQLite database of `dataDir` to `target` while servers keep writing to it, with
 * SQLite's online backup API. The copy is one consistent snapshot: the first step opens it and the
 * next copies every remaining page at once (a step of all pages), so writes made meanwhile by a
 * running server, which make the backup API start over at its next step, cannot keep it from
 * finishing. In WAL mode the reader holds up no writer; the WAL only grows a little while it runs.
 * Everything committed before the backup began (every event answered 2xx) is in the copy.
 */
export async function backupSqlite(dataDir: string, target: string): Promise<BackupResult> {
  const source = join(dataDir, SQLITE_FILE);
  if (!existsSync(source)) throw new BackupError(`no database at ${source}: set DATA_DIR to the server's data directory`);
  const file = resolve(target);
  if (existsSync(file)) throw new BackupError(`${file} exists: name a new file, so no earlier backup is overwritten`);
  if (!existsSync(dirname(file))) throw new BackupError(`the directory ${dirname(file)} does not exist`);
  // A temporary name until the copy is whole: a crash midway leaves no file that looks like a backup.
  const partial = `${file}.partial`;
  rmSync(partial, { force: true });
  const db = new SQLite(source, { fileMustExist: true });
  try {
    db.pragma('busy_timeout = 5000');
    await db.backup(partial, { progress: () => 0x7fffffff });
  } catch (error) {
    rmSync(partial, { force: true });
    throw error;
  } finally {
    db.close();
  }
  const counts = checkCopy(partial);
  renameSync(partial, file);
  return { file, bytes: statSync(file).size, ...counts };
}

/**
 * Puts a backup in place as the database of `dataDir`, which must hold no database yet (a new,
 * empty directory is created). The file is checked first (SQLite's integrity check, and Tributary's
 * tables); the server migrates it to its own schema version when it starts.
 */
export function restoreSqlite(backup: string, dataDir: string): BackupResult {
  const file = resolve(backup);
  if (!existsSync(file)) throw new BackupError(`no backup at ${file}`);
  mkdirSync(dataDir, { recursive: true });
  const leftovers = readdirSync(dataDir).filter((name) => name.startsWith(SQLITE_FILE));
  if (leftovers.length > 0) {
    throw new BackupError(`${dataDir} already holds a database (${leftovers.join(', ')}): restore into a new, empty DATA_DIR, so nothing running is overwritten`);
  }
  const counts = checkCopy(file);
  const target = join(dataDir, SQLITE_FILE);
  copyFileSync(file, `${target}.partial`);
  renameSync(`${target}.partial`, target);
  return { file: target, bytes: statSync(target).size, ...counts };
}

/**
 * Checks a copy: a whole SQLite file holding Tributary's tables; their counts. It is left in
 * rollback-journal mode, so a backup is one self-contained file (the server turns WAL on again).
 */
function checkCopy(file: string): { inboxRows: number; journalRequests: number } {
  let db: SQLite.Database;
  try {
    db = new SQLite(file, { fileMustExist: true });
    db.pragma('journal_mode = DELETE');
  } catch (error) {
    throw new BackupError(`${file} is not a SQLite database: ${(error as Error).message}`);
  }
  try {
    const check = db.pragma('quick_check', { simple: true });
    if (check !== 'ok') throw new BackupError(`${file} fails SQLite's integrity check: ${String(check)}`);
    const tables = new Set((db.prepare(`select name from sqlite_master where type = 'table'`).all() as Array<{ name: string }>).map((row) => row.name));
    if (!tables.has('inbox') || !tables.has('meta')) throw new BackupError(`${file} is a SQLite database, but not Tributary's`);
    const count = (table: string) => (tables.has(table) ? (db.prepare(`select count(*) as n from ${table}`).get() as { n: number }).n : 0);
    return { inboxRows: count('inbox'), journalRequests: count('inbox_journal') };
  } catch (error) {
    if (error instanceof BackupError) throw error;
    throw new BackupError(`${file} cannot be read as a database: ${(error as Error).message}`);
  } finally {
    db.close();
  }
}

import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import SQLite from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { TEST_ADMIN_TOKEN } from '../support/databases.ts';
import { spawnServer, type ProcessServer } from '../support/process-server.ts';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const run = promisify(execFile);

/** `tributary <args>` as a user runs it, with only the given settings. */
function cli(args: string[], env: Record<string, string>) {
  return run(process.execPath, ['--import', 'tsx', join(ROOT, 'src/main.ts'), ...args], {
    cwd: ROOT,
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '/tmp', ...env },
  }).then(
    ({ stdout, stderr }) => ({ code: 0, stdout, stderr }),
    (error: { code: number; stdout: string; stderr: string }) => ({ code: error.code, stdout: error.stdout, stderr: error.stderr }),
  );
}

const track = (server: ProcessServer, writeKey: string, messageId: string) =>
  fetch(`${server.url}/v1/track`, {
    method: 'POST',
    headers: { authorization: `Basic ${Buffer.from(`${writeKey}:`).toString('base64')}`, 'content-type': 'application/json' },
    body: JSON.stringify({ event: 'Backed Up', userId: 'u', messageId }),
  });

describe('tributary backup and restore (SQLite)', () => {
  const cleanups: Array<() => Promise<void> | void> = [];
  afterEach(async () => {
    for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
  });
  const tempDir = (name: string) => {
    const dir = mkdtempSync(join(tmpdir(), `tributary-${name}-`));
    cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
    return dir;
  };

  it('backs up while the server ingests, and a server on the restored copy has every event acknowledged before the backup', { timeout: 120_000 }, async () => {
    const dataDir = tempDir('live');
    const env = { DATA_DIR: dataDir, TRIBUTARY_ADMIN_TOKEN: TEST_ADMIN_TOKEN };
    const server = await spawnServer({ env });
    cleanups.push(() => server.kill());
    const { writeKey } = server.firstStart!;

    const acknowledged: string[] = [];
    let sent = 0;
    let ingesting = true;
    // Ingest keeps going through the whole backup: four senders, each waiting for its answer.
    const senders = Array.from({ length: 4 }, async () => {
      while (ingesting) {
        const id = `m-${(sent += 1)}`;
        const res = await track(server, writeKey, id);
        if (res.status === 200) acknowledged.push(id);
      }
    });
    while (acknowledged.length < 200) await new Promise((resolve) => setTimeout(resolve, 10));
    const before = [...acknowledged];
    const file = join(tempDir('backups'), 'tributary-backup.sqlite');
    const backup = await cli(['backup', file], { DATA_DIR: dataDir });
    const during = acknowledged.length - before.length;
    ingesting = false;
    await Promise.all(senders);
    expect(backup.stderr).toBe('');
    expect(backup.code).toBe(0);
    expect(JSON.parse(backup.stdout)).toMatchObject({ backup: file });
    expect(during, 'the server kept answering while the backup ran').toBeGreaterThan(0);

    const restoredDir = join(tempDir('restored'), 'data');
    const restore = await cli(['restore', file], { DATA_DIR: restoredDir });
    expect(restore.code, restore.stderr).toBe(0);

    const restored = await spawnServer({ env: { DATA_DIR: restoredDir, TRIBUTARY_ADMIN_TOKEN: TEST_ADMIN_TOKEN } });
    cleanups.push(() => restored.kill());
    // The restored server processes what the copy held in its journal; then every event answered
    // before the backup began is a canonical event.
    const db = new SQLite(join(restoredDir, 'tributary.sqlite'), { readonly: true });
    cleanups.push(() => {
      db.close();
    });
    const missing = async () => {
      const stored = new Set((db.prepare(`select message_id from events`).all() as Array<{ message_id: string }>).map((row) => row.message_id));
      return before.filter((id) => !stored.has(id));
    };
    const deadline = Date.now() + 30_000;
    while ((await missing()).length > 0 && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 50));
    expect(await missing()).toEqual([]);
    // The restored server takes new events with the same credentials.
    expect((await track(restored, writeKey, 'after-restore')).status).toBe(200);
  });

  it('refuses to overwrite: an existing backup file, a data directory that holds a database, a file that is not a backup', async () => {
    const dataDir = tempDir('source');
    const server = await spawnServer({ env: { DATA_DIR: dataDir } });
    await server.kill();
    const dir = tempDir('targets');
    const taken = join(dir, 'taken.sqlite');
    writeFileSync(taken, 'keep me');
    const overwrite = await cli(['backup', taken], { DATA_DIR: dataDir });
    expect(overwrite.code).toBe(1);
    expect(overwrite.stderr).toContain('exists');

    const good = join(dir, 'good.sqlite');
    expect((await cli(['backup', good], { DATA_DIR: dataDir })).code).toBe(0);
    const intoLive = await cli(['restore', good], { DATA_DIR: dataDir });
    expect(intoLive.code).toBe(1);
    expect(intoLive.stderr).toContain('already holds a database');

    const notABackup = await cli(['restore', taken], { DATA_DIR: join(dir, 'fresh') });
    expect(notABackup.code).toBe(1);
    expect(notABackup.stderr).toContain('not a SQLite database');

    const usage = await cli(['backup'], { DATA_DIR: dataDir });
    expect(usage.code).toBe(2);
    const postgres = await cli(['backup', join(dir, 'pg.sqlite')], { DATA_DIR: dataDir, DATABASE_URL: 'postgres://postgres@127.0.0.1:5432/test' });
    expect(postgres.code).toBe(2);
    expect(postgres.stderr).toContain('pg_dump');
  });
});

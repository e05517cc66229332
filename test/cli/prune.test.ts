import { execFile } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { newId } from '../../src/lib/ids.ts';
import { DIALECTS } from '../support/databases.ts';
import { basicAuth, bearer, useTestServer, waitForAccepted, waitForEventCount, type TestServer } from '../support/harness.ts';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const run = promisify(execFile);
const DAY = 86_400_000;

/** `tributary prune <args>` on the test server's database, as an operator runs it beside the server. */
function prune(server: TestServer, args: string[], env: Record<string, string> = {}) {
  const { config } = server;
  const database: Record<string, string> = config.databaseUrl
    ? { DATABASE_URL: config.databaseUrl, DATABASE_SCHEMA: config.databaseSchema ?? '' }
    : { DATA_DIR: config.dataDir };
  return run(process.execPath, ['--import', 'tsx', join(ROOT, 'src/main.ts'), 'prune', ...args], {
    cwd: ROOT,
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '/tmp', LOG_LEVEL: 'warn', ...database, ...env },
  }).then(
    ({ stdout, stderr }) => ({ code: 0, stdout, stderr }),
    (error: { code: number; stdout: string; stderr: string }) => ({ code: error.code, stdout: error.stdout, stderr: error.stderr }),
  );
}

const lines = (stdout: string) => stdout.trim().split('\n').filter(Boolean).map((line) => JSON.parse(line) as Record<string, any>);

describe.each(DIALECTS)('tributary prune on %s', (dialect) => {
  const server = useTestServer(dialect);

  it('counts with --dry-run, deletes nothing, then deletes the same rows in batches and prints them per table', { timeout: 60_000 }, async () => {
    const batch = Array.from({ length: 5 }, (_, n) => ({ type: 'track', event: 'Old Enough', userId: 'u', messageId: newId(), properties: { n } }));
    const res = await server.inject({ method: 'POST', url: '/v1/batch', headers: { authorization: basicAuth(server.writeKey) }, payload: { batch } });
    expect(res.statusCode).toBe(200);
    await waitForAccepted(server);
    await waitForEventCount(server, 5);
    const events = async () =>
      (await server.inject({ method: 'GET', url: `/api/v1/workspaces/${server.workspaceId}/events?limit=100`, headers: { authorization: bearer(server.operatorToken) } })).json().data as unknown[];
    const at = new Date(Date.now() + 91 * DAY).toISOString();

    const dry = await prune(server, ['--dry-run', '--at', at]);
    expect(dry.code, dry.stderr).toBe(0);
    const counted = lines(dry.stdout).find((line) => line.workspace_id === server.workspaceId)!;
    expect(counted).toMatchObject({ dry_run: true, would_delete: { events: 5, inbox: 5, deliveries: 0, contract_violations: 0, event_volume: 0 } });
    expect(dry.stderr).toMatch(/would be deleted/);
    expect(await events()).toHaveLength(5);

    // Not old enough yet: a month from now deletes nothing.
    const early = await prune(server, ['--workspace', server.workspaceId, '--at', new Date(Date.now() + 30 * DAY).toISOString()]);
    expect(lines(early.stdout)).toEqual([{ workspace_id: server.workspaceId, dry_run: false, deleted: expect.objectContaining({ events: 0, inbox: 0 }) }]);

    const done = await prune(server, ['--workspace', server.workspaceId, '--at', at], { RETENTION_BATCH_SIZE: '2', RETENTION_PAUSE_MS: '0' });
    expect(done.code, done.stderr).toBe(0);
    expect(lines(done.stdout)).toEqual([{ workspace_id: server.workspaceId, dry_run: false, deleted: expect.objectContaining({ events: 5, inbox: 5 }) }]);
    expect(done.stderr).toMatch(/10 rows deleted in 1 workspace/);
    expect(await events()).toEqual([]);
  });

  it('exits 1 for an unknown workspace and 2 for a usage error', { timeout: 60_000 }, async () => {
    const unknown = await prune(server, ['--workspace', 'no-such-workspace']);
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toContain('No workspace');
    const usage = await prune(server, ['--everything']);
    expect(usage.code).toBe(2);
    expect(usage.stderr).toContain('Usage: tributary prune');
    const badTime = await prune(server, ['--at', 'tomorrow']);
    expect(badTime.code).toBe(2);
  });
});

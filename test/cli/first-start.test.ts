import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { DIALECTS, dropSchema, TEST_DATABASE_URL, uniqueSchema, type TestDialect } from '../support/databases.ts';
import { freePort, spawnServer, type ProcessServer } from '../support/process-server.ts';

/** A fresh database for a `tributary serve` child: a temp SQLite directory or a new schema. */
function freshDatabase(dialect: TestDialect): { env: Record<string, string>; cleanup: () => Promise<void> } {
  if (dialect === 'sqlite') {
    const dir = mkdtempSync(join(tmpdir(), 'tributary-first-start-'));
    return { env: { DATA_DIR: dir }, cleanup: async () => rmSync(dir, { recursive: true, force: true }) };
  }
  const schema = uniqueSchema();
  return { env: { DATABASE_URL: TEST_DATABASE_URL, DATABASE_SCHEMA: schema }, cleanup: () => dropSchema(schema) };
}

describe.each(DIALECTS)('the first start on %s', (dialect) => {
  const cleanups: Array<() => Promise<void>> = [];
  afterEach(async () => {
    for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
  });

  it('still prints the one-time credentials when the port is taken, and they work on the next start', async () => {
    const database = freshDatabase(dialect);
    cleanups.push(database.cleanup);
    // Something else (the usual 8080 suspect) already listens on the port.
    const squatter: Server = createServer();
    const taken = await freePort();
    await new Promise<void>((resolve) => squatter.listen(taken, '127.0.0.1', resolve));
    cleanups.push(() => new Promise<void>((resolve) => squatter.close(() => resolve())));

    const failed = await spawnServer({ port: taken, env: database.env }).then(
      () => undefined,
      (error: Error) => error.message,
    );
    expect(failed).toBeDefined();
    expect(failed).toMatch(/address already in use/i);
    const token = /operator token:\s+(trb_op_\S+)/.exec(failed!)?.[1];
    const writeKey = /write key:\s+(wk_\S+)/.exec(failed!)?.[1];
    expect(token).toBeDefined();
    expect(writeKey).toBeDefined();

    const server: ProcessServer = await spawnServer({ env: database.env });
    cleanups.push(() => server.kill());
    const workspaces = await fetch(`${server.url}/api/v1/workspaces`, { headers: { authorization: `Bearer ${token}` } });
    expect(workspaces.status).toBe(200);
    const tracked = await fetch(`${server.url}/v1/track`, {
      method: 'POST',
      headers: { authorization: `Basic ${Buffer.from(`${writeKey}:`).toString('base64')}`, 'content-type': 'application/json' },
      body: JSON.stringify({ event: 'First', userId: 'u' }),
    });
    expect(tracked.status).toBe(200);
  });
});

import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createRuntime, type Runtime } from '../../src/runtime.ts';
import { bearer, startTestServer, waitFor, waitForInbox, type TestServer } from '../support/harness.ts';
import { openSse, type SseClient } from './live-client.ts';

/**
 * Two runtimes on one PostgreSQL schema, as two `tributary serve` processes would be: A runs the
 * workers, B only serves the API. LISTEN/NOTIFY is what lets B's readers see A's events.
 */
describe('live stream and contracts across processes on postgres', () => {
  let a: TestServer;
  let b: Runtime;
  let bUrl: string;
  const clients: SseClient[] = [];

  beforeAll(async () => {
    a = await startTestServer('postgres');
    b = await createRuntime({ ...a.config, runWorkers: false }, { logger: pino({ level: 'silent' }) });
    bUrl = await b.listen();
  });
  afterAll(async () => {
    for (const client of clients) client.close();
    await b?.close();
    await a?.close();
  });

  const track = async (event: string, properties: object) => {
    const res = await a.inject({
      method: 'POST',
      url: `/api/v1/workspaces/${a.workspaceId}/events/track`,
      headers: { authorization: bearer(a.writeKey) },
      payload: { event, user_id: 'cross', properties },
    });
    return res.json().id as string;
  };

  it('a reader on one process receives events processed by another, with stored contract verdicts', async () => {
    await a.inject({
      method: 'POST',
      url: `/api/v1/workspaces/${a.workspaceId}/event-contracts`,
      headers: { authorization: bearer(a.operatorToken) },
      payload: { name: 'Cross', event_type: 'track', event_name: 'cross_warn', schema_definition: { properties: { n: { type: 'integer', required: true } } }, enforcement_mode: 'warn' },
    });
    const reader = await openSse(`${bUrl}/api/v1/workspaces/${a.workspaceId}/events/live?type=track`, { authorization: bearer(a.operatorToken) });
    clients.push(reader);
    expect(reader.status).toBe(200);
    const ok = await track('cross_ok', { n: 1 });
    const warned = await track('cross_warn', { n: 'one' });
    const events = await reader.waitForEvents(2);
    expect(events.map((e) => e.id)).toEqual([ok, warned]);
    expect(events[1]!.data.notes.contracts).toEqual([
      expect.objectContaining({ verdict: 'warned', violations: [expect.objectContaining({ rule: 'type_mismatch', path: 'properties.n', value_type: 'string' })] }),
    ]);
  });

  it('a contract created on one process applies to the next events of another within seconds', async () => {
    const created = await b.app.inject({
      method: 'POST',
      url: `/api/v1/workspaces/${a.workspaceId}/event-contracts`,
      headers: { authorization: bearer(a.operatorToken) },
      payload: { name: 'Made on B', event_type: 'track', event_name: 'cross_block', schema_definition: { properties: { ok: { type: 'boolean', required: true } } }, enforcement_mode: 'block' },
    });
    expect(created.statusCode).toBe(201);
    const started = Date.now();
    const blocked = await waitFor(async () => {
      const id = await track('cross_block', {});
      const row = await waitFor(async () => {
        const r = await a.runtime.services.db.kysely.selectFrom('inbox').select(['status', 'process_error']).where('id', '=', id).executeTakeFirst();
        return r && (r.status === 'processed' || r.status === 'blocked') ? r : undefined;
      }, 'the event to finish');
      return row.status === 'blocked' ? row : undefined;
    }, 'an event blocked by the contract made on B', 5_000);
    expect(blocked.process_error).toContain('Made on B');
    expect(Date.now() - started).toBeLessThan(5_000);
    const last = await track('cross_block', {});
    await waitForInbox(a, last, 'blocked');
  });
});

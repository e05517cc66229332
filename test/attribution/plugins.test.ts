import { beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.ts';
import { DIALECTS } from '../support/databases.ts';
import { useTestServer, waitForInbox } from '../support/harness.ts';
import { AttributionFixtures } from './fixtures/attribution-fixtures.ts';
import { flaky } from './fixtures/test-plugin.ts';

const PLUGIN = 'test/attribution/fixtures/test-plugin.ts';

describe('ATTRIBUTION_PLUGINS', () => {
  it('reads a comma-separated list of module paths', () => {
    expect(loadConfig({ ATTRIBUTION_PLUGINS: ' a.ts, ./b.js ,' }).attributionPlugins).toEqual(['a.ts', './b.js']);
    expect(loadConfig({}).attributionPlugins).toEqual([]);
  });
});

describe.each(DIALECTS)('attribution plugins and flow failures on %s', (dialect) => {
  // One batch at a time: the retry counts below follow one worker's sequence (batch fails, the row
  // alone fails, its retry succeeds). With WORKER_CONCURRENCY=2 on PostgreSQL the second loop's poll
  // may take the row between the first two steps, and it ends processed with another count.
  const server = useTestServer(dialect, { attributionPlugins: [PLUGIN], workerConcurrency: 1 });
  let f: AttributionFixtures;
  let collaboratorId: number;

  beforeAll(async () => {
    f = await AttributionFixtures.create(server);
    await f.program({ incentive_bps: 1000 });
    collaboratorId = await f.collaborator();
  });

  it('serves a slug the plugin added when the registry broadcast EventFactoryRegistryInitiated', async () => {
    expect(server.services.attribution.registry.slugs()).toContain('shop-order');
    const invalid = await f.send('shop-order', { order: '' });
    expect(invalid.statusCode).toBe(400);
    expect(invalid.json().error.data.fields.map((e: { field: string }) => e.field).sort()).toEqual(['cents', 'order']);
  });

  it('logs a pass-through slug as CustomEventTriggered with its payload unchanged', async () => {
    const oid = await f.visit(collaboratorId);
    const res = await f.send('newsletter-signup', { list: 'weekly', extra: { nested: [1, 2] } }, { 'x-siren-oid': String(oid) });
    expect(res.statusCode).toBe(200);
    expect(res.headers['x-siren-oid']).toBe(String(oid));
    const entries = await f.logEntries(res.headers['x-event-id'] as string);
    expect(entries.map((e) => [e.name, e.payload])).toEqual([
      ['CustomEventTriggered', { slug: 'newsletter-signup', opportunityId: oid, payload: { list: 'weekly', extra: { nested: [1, 2] } } }],
    ]);
    const unknown = await f.send('newsletter-signup', { list: 'weekly' }, { 'x-siren-oid': '999999' });
    expect(unknown.headers['x-siren-oid']).toBeUndefined();
  });

  it('lets a plugin listener change the mutable TransactionCreateRequested before the transaction is stored', async () => {
    const oid = await f.visit(collaboratorId);
    const res = await f.send('shop-order', { order: 'p-1', cents: 10_500, shippingCents: 500, oid });
    expect(res.statusCode).toBe(200);
    const entries = await f.logEntries(res.headers['x-event-id'] as string);
    expect(entries.find((e) => e.name === 'TransactionCreateRequested')!.payload).toMatchObject({ total: 10_000, items: [] });
    expect(entries.find((e) => e.name === 'SaleTriggered')!.payload).toMatchObject({ total: 10_500 });
    expect((await f.transactions()).find((t) => t.external_id === 'p-1')).toMatchObject({ total: 10_000, currency: 'EUR' });
    expect((await f.conversions()).find((c) => c.opportunity_id === oid)).toMatchObject({ amount: 1000 });
  });

  it('rolls a failing flow back whole, answers 500 so the SDK retries, and succeeds on the retry', async () => {
    flaky.failuresLeft = 1;
    const oid = await f.visit(collaboratorId);
    const body = { source: 'flaky', externalId: 'f-1', total: 10, trackingId: oid };
    const failed = await f.send('sale', body);
    expect(failed.statusCode).toBe(500);
    expect(failed.json().error.code).toBe('internal_error');
    const id = failed.headers['x-event-id'] as string;
    const row = await f.db.selectFrom('inbox').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
    expect(row).toMatchObject({ status: 'failed', retryable: 1, retry_count: 1 });
    expect(row.process_error).toContain('the flaky listener failed');
    expect((await f.transactions()).filter((t) => t.external_id === 'f-1')).toEqual([]);
    expect(await f.log(id)).toEqual([]);
    await waitForInbox(server, id, 'processed');
    const retried = await f.send('sale', body);
    expect(retried.statusCode).toBe(200);
    expect(retried.headers['x-event-id']).toBe(id);
    expect(retried.headers['x-siren-oid']).toBe(String(oid));
    expect((await f.log(id)).slice(0, 3)).toEqual(['SaleTriggered', 'TransactionCreateRequested', 'TransactionCreated']);
    expect((await f.transactions()).filter((t) => t.external_id === 'f-1')).toHaveLength(1);
  });

  it('fails only the broken event of a batch; the others in the same worker batch are attributed', async () => {
    // Once for the batch, once when the worker retries that row alone.
    flaky.failuresLeft = 2;
    const entry = (source: string, externalId: string) => ({
      workspaceId: server.workspaceId,
      api: 'domain' as const,
      dedupeKey: null,
      bodyHash: null,
      payload: JSON.stringify({ slug: 'sale', body: { source, externalId, total: 5 }, opportunityId: null }),
      receivedAt: Date.now(),
      credentialId: null,
      clientIp: null,
    });
    const [a, broken, c] = await server.services.inbox.append([entry('ok', 'b-1'), entry('flaky', 'b-2'), entry('ok', 'b-3')]);
    await waitForInbox(server, a!.id, 'processed');
    await waitForInbox(server, c!.id, 'processed');
    await waitForInbox(server, broken!.id, 'processed');
    const failures = await f.db.selectFrom('inbox').select(['id', 'retry_count']).where('id', 'in', [a!.id, broken!.id, c!.id]).orderBy('id').execute();
    expect(failures.map((row) => row.retry_count)).toEqual([0, 1, 0]);
    expect((await f.transactions()).filter((t) => t.external_id.startsWith('b-')).map((t) => t.external_id).sort()).toEqual(['b-1', 'b-2', 'b-3']);
  });
});

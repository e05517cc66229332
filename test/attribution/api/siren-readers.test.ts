import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS } from '../../support/databases.ts';
import { startTestServer, type TestServer } from '../../support/harness.ts';
import { clientFor, fieldsOf, otherWorkspace, type Client } from './api-client.ts';
import { seedCollaborator, seedProgram, seedSale, type SeededSale } from './ledger-seed.ts';

describe.each(DIALECTS)("Siren's reconciliation readers and API keys on %s", (dialect) => {
  let server: TestServer;
  let operator: Client;
  let siren: Client;
  let sirenKey: string;
  let collaboratorId: number;
  const sales: SeededSale[] = [];
  beforeAll(async () => {
    server = await startTestServer(dialect);
    operator = clientFor(server, server.operatorToken);
    sirenKey = (await operator.post(`/api/v1/workspaces/${server.workspaceId}/api-keys`, { label: 'siren' })).json().key;
    siren = clientFor(server, sirenKey);
    const programId = await seedProgram(server, server.workspaceId);
    collaboratorId = await seedCollaborator(server, server.workspaceId);
    const otherId = await seedCollaborator(server, server.workspaceId, 'Other');
    for (let i = 1; i <= 5; i += 1) {
      sales.push(await seedSale(server, server.workspaceId, { programId, collaboratorId: i === 5 ? otherId : collaboratorId, externalId: `ord-${i}`, total: i * 1000 }));
    }
    // ord-1 approved (obligation pending), ord-2 rejected (obligation cancelled), ord-3 paid (complete).
    const base = `/api/v1/workspaces/${server.workspaceId}`;
    await operator.post(`${base}/conversions/${sales[0]!.conversionId}/approve`);
    await operator.post(`${base}/conversions/${sales[1]!.conversionId}/reject`);
    await operator.post(`${base}/conversions/${sales[2]!.conversionId}/approve`);
    const db = server.runtime.services.db.kysely;
    await db.updateTable('obligations').set({ status: 'complete' }).where('id', '=', sales[2]!.obligationId).execute();
    await db.updateTable('attribution_transactions').set({ status: 'refunded' }).where('id', '=', sales[1]!.transactionId).execute();
    await db.updateTable('attribution_transactions').set({ status: 'pending' }).where('id', '=', sales[4]!.transactionId).execute();
  });
  afterAll(() => server?.close());

  it('answers a bare array with x-siren-estimated-count, oldest first, paged by page and perPage', async () => {
    const all = await siren.get('/siren/v1/conversions');
    expect(all.statusCode).toBe(200);
    expect(Array.isArray(all.json())).toBe(true);
    expect(all.headers['x-siren-estimated-count']).toBe('5');
    expect(all.json().map((c: { id: number }) => c.id)).toEqual(sales.map((s) => s.conversionId));

    const page2 = await siren.get('/siren/v1/conversions?page=2&perPage=2');
    expect(page2.headers['x-siren-estimated-count']).toBe('5');
    expect(page2.json().map((c: { id: number }) => c.id)).toEqual([sales[2]!.conversionId, sales[3]!.conversionId]);
    const beyond = await siren.get('/siren/v1/conversions?page=9&perPage=2');
    expect(beyond.json()).toEqual([]);
    expect(beyond.headers['x-siren-estimated-count']).toBe('5');
  });

  it('serves camelCase records with integer ids and money in minor units', async () => {
    const [conversion] = (await siren.get('/siren/v1/conversions?perPage=1')).json();
    expect(conversion).toEqual({
      id: sales[0]!.conversionId,
      status: 'approved',
      type: 'sale',
      programId: expect.any(Number),
      collaboratorId,
      opportunityId: sales[0]!.opportunityId,
      engagementId: sales[0]!.engagementId,
      transactionId: sales[0]!.transactionId,
      amount: 100,
      currency: 'USD',
      createdAt: expect.any(String),
      reviewedAt: expect.any(String),
    });
    const [transaction] = (await siren.get('/siren/v1/transactions?externalId=ord-1')).json();
    expect(transaction).toMatchObject({ id: sales[0]!.transactionId, status: 'complete', source: 'stripe', externalId: 'ord-1', total: 1000, refundedTotal: 0, currency: 'USD' });
  });

  it("filters by Siren's status words and maps our statuses into them", async () => {
    const ids = async (url: string) => (await siren.get(url)).json().map((r: { id: number }) => r.id);
    expect(await ids('/siren/v1/conversions?status=approved')).toEqual([sales[0]!.conversionId, sales[2]!.conversionId]);
    expect(await ids('/siren/v1/conversions?status=rejected')).toEqual([sales[1]!.conversionId]);
    const expired = await siren.get('/siren/v1/conversions?status=expired');
    expect(expired.json()).toEqual([]);
    expect(expired.headers['x-siren-estimated-count']).toBe('0');

    // Draft obligations (unapproved) are not listed; `fulfilled` and `complete` are one state.
    const obligations = (await siren.get('/siren/v1/obligations')).json();
    expect(obligations.map((o: { id: number; status: string }) => [o.id, o.status])).toEqual([
      [sales[0]!.obligationId, 'pending'],
      [sales[1]!.obligationId, 'cancelled'],
      [sales[2]!.obligationId, 'complete'],
    ]);
    expect(await ids('/siren/v1/obligations?status=fulfilled')).toEqual([sales[2]!.obligationId]);
    expect(await ids('/siren/v1/obligations?status=complete')).toEqual([sales[2]!.obligationId]);

    // A transaction whose payment is unconfirmed has no Siren word yet; refunded ones do.
    const transactions = await siren.get('/siren/v1/transactions');
    expect(transactions.headers['x-siren-estimated-count']).toBe('4');
    expect(transactions.json().map((t: { status: string }) => t.status)).toEqual(['complete', 'refunded', 'complete', 'complete']);
    expect(await ids('/siren/v1/transactions?status=refunded')).toEqual([sales[1]!.transactionId]);
    expect(await ids(`/siren/v1/conversions?collaboratorId=${collaboratorId}&status=pending`)).toEqual([sales[3]!.conversionId]);
  });

  it('refuses perPage above 100, bad pages, unknown filters and unknown status words with every field listed', async () => {
    const tooMany = await siren.get('/siren/v1/conversions?perPage=101');
    expect(tooMany.statusCode).toBe(400);
    expect(fieldsOf(tooMany)).toEqual(['perPage']);
    expect((await siren.get('/siren/v1/conversions?perPage=100')).statusCode).toBe(200);
    const bad = await siren.get('/siren/v1/obligations?page=0&status=paid&colour=red&collaboratorId=x');
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.code).toBe('validation_failed');
    expect(fieldsOf(bad)).toEqual(['collaboratorId', 'colour', 'page', 'status']);
  });

  it('reads payouts from their table, empty until fulfillment runs create them', async () => {
    const empty = await siren.get('/siren/v1/payouts');
    expect(empty.json()).toEqual([]);
    expect(empty.headers['x-siren-estimated-count']).toBe('0');
    const now = Date.now();
    await server.runtime.services.db.kysely
      .insertInto('payouts')
      .values({ workspace_id: server.workspaceId, collaborator_id: collaboratorId, status: 'paid', amount: 400, currency: 'USD', created_at: now, updated_at: now, paid_at: now })
      .execute();
    const paid = (await siren.get('/siren/v1/payouts?status=paid')).json();
    expect(paid).toEqual([{ id: expect.any(Number), status: 'paid', collaboratorId, amount: 400, currency: 'USD', createdAt: expect.any(String), paidAt: expect.any(String) }]);
    expect((await siren.get('/siren/v1/payouts?status=unpaid')).json()).toEqual([]);
  });

  it("shows only the key's own workspace and needs a full-access API key", async () => {
    const other = await otherWorkspace(operator, `Other ${dialect} Siren`);
    const foreign = await clientFor(server, other.key).get('/siren/v1/conversions');
    expect(foreign.json()).toEqual([]);
    expect(foreign.headers['x-siren-estimated-count']).toBe('0');

    const anonymous = await server.inject({ method: 'GET', url: '/siren/v1/conversions' });
    expect(anonymous.statusCode).toBe(401);
    expect(anonymous.json().error.code).toBe('unauthorized');
    const writer = (await operator.post(`/api/v1/workspaces/${server.workspaceId}/api-keys`, { label: 'w', scopes: ['events:write'] })).json().key;
    expect((await clientFor(server, writer).get('/siren/v1/transactions')).statusCode).toBe(403);
    expect((await operator.get('/siren/v1/transactions')).statusCode).toBe(403);
  });

  it('creates an sk_live_ key shown once as rawKey, lists keys as a bare array, and revokes by integer id', async () => {
    const created = await siren.post('/siren/v1/api-keys', { label: 'Production server' });
    expect(created.statusCode).toBe(201);
    const key = created.json();
    expect(key.rawKey).toMatch(/^sk_live_/);
    expect(key).toMatchObject({ label: 'Production server', status: 'active', scopes: ['admin'], expiresAt: null, lastUsedAt: null });
    expect(typeof key.id).toBe('number');
    expect(key.rawKey.startsWith(key.keyPrefix)).toBe(true);
    expect(key.key_prefix).toBeUndefined();

    const scoped = (await siren.post('/siren/v1/api-keys', { label: 'ingest only', scopes: ['events:write'] })).json();
    expect(scoped.scopes).toEqual(['events:write']);
    expect((await siren.post('/siren/v1/api-keys', { label: '', scopes: ['root'] })).statusCode).toBe(400);

    const listed = await siren.get('/siren/v1/api-keys');
    expect(Array.isArray(listed.json())).toBe(true);
    const entry = listed.json().find((k: { id: number }) => k.id === key.id);
    expect(Object.keys(entry).sort()).toEqual(['createdAt', 'expiresAt', 'id', 'keyPrefix', 'label', 'lastUsedAt', 'scopes', 'status']);
    expect(JSON.stringify(listed.json())).not.toContain(key.rawKey);

    const fresh = clientFor(server, key.rawKey);
    expect((await fresh.get('/siren/v1/conversions')).statusCode).toBe(200);
    const revoked = await siren.delete(`/siren/v1/api-keys/${key.id}`);
    expect(revoked.statusCode).toBe(200);
    expect(revoked.json().status).toBe('revoked');
    expect((await fresh.get('/siren/v1/conversions')).statusCode).toBe(401);
    expect((await siren.delete('/siren/v1/api-keys/999999')).statusCode).toBe(404);

    const other = await otherWorkspace(operator, `Other ${dialect} keys`);
    expect((await clientFor(server, other.key).delete(`/siren/v1/api-keys/${scoped.id}`)).statusCode).toBe(404);
    expect((await clientFor(server, other.key).get('/siren/v1/api-keys')).json().map((k: { id: number }) => k.id)).not.toContain(scoped.id);
  });

  it("works over a real socket the way Siren's SDK calls it (fetch, Number(header), DELETE without a body)", async () => {
    const baseUrl = `${await server.listen()}/siren/v1`;
    const headers = { Authorization: `Bearer ${sirenKey}`, Accept: 'application/json' };
    const list = await fetch(`${baseUrl}/conversions?page=1&perPage=2&status=approved`, { headers });
    expect(list.status).toBe(200);
    expect(Number(list.headers.get('x-siren-estimated-count'))).toBe(2);
    expect(((await list.json()) as unknown[]).length).toBe(2);

    const created = await fetch(`${baseUrl}/api-keys`, {
      method: 'POST',
      headers: { ...headers, 'Content-Type': 'application/json' },
      body: JSON.stringify({ label: 'over the wire' }),
    });
    const key = (await created.json()) as { id: number; rawKey: string };
    expect(key.rawKey).toMatch(/^sk_live_/);
    const revoked = await fetch(`${baseUrl}/api-keys/${encodeURIComponent(String(key.id))}`, { method: 'DELETE', headers });
    expect(revoked.ok).toBe(true);
    const refused = await fetch(`${baseUrl}/conversions`, { headers: { Authorization: `Bearer ${key.rawKey}` } });
    expect(refused.status).toBe(401);
    expect(((await refused.json()) as { error: { code: string } }).error.code).toBe('unauthorized');
  });
});

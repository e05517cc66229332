import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS } from '../../support/databases.ts';
import { startTestServer, type TestServer } from '../../support/harness.ts';
import { clientFor, fieldsOf, otherWorkspace, type Client } from './api-client.ts';
import { seedCollaborator, seedProgram, seedSale, type SeededSale } from './ledger-seed.ts';

describe.each(DIALECTS)('attribution admin API: ledger reads and conversion review on %s', (dialect) => {
  let server: TestServer;
  let operator: Client;
  let base: string;
  let programId: number;
  let collaboratorId: number;
  let otherCollaboratorId: number;
  let first: SeededSale;
  let second: SeededSale;
  beforeAll(async () => {
    server = await startTestServer(dialect);
    operator = clientFor(server, server.operatorToken);
    base = `/api/v1/workspaces/${server.workspaceId}`;
    programId = await seedProgram(server, server.workspaceId);
    collaboratorId = await seedCollaborator(server, server.workspaceId, 'Ada');
    otherCollaboratorId = await seedCollaborator(server, server.workspaceId, 'Bob');
    first = await seedSale(server, server.workspaceId, { programId, collaboratorId, externalId: 'order-1', total: 4999 });
    second = await seedSale(server, server.workspaceId, { programId, collaboratorId: otherCollaboratorId, externalId: 'order-2', total: 1000, currency: 'JPY', transactionStatus: 'pending' });
  });
  afterAll(() => server?.close());

  const domainEvents = async (inboundEventId: string) =>
    (await operator.get(`${base}/domain-events?inbound_event_id=${inboundEventId}`)).json().data as Array<{ name: string; payload: Record<string, unknown> }>;

  it('lists and reads opportunities, engagements, transactions, conversions and obligations with money as minor units', async () => {
    const transaction = (await operator.get(`${base}/transactions/${first.transactionId}`)).json();
    expect(transaction).toMatchObject({ id: first.transactionId, source: 'stripe', external_id: 'order-1', total: 4999, currency: 'USD', status: 'complete' });
    expect(transaction.items).toEqual([{ externalId: null, name: 'Plan', quantity: 1, amount: 4999 }]);
    const conversion = (await operator.get(`${base}/conversions/${first.conversionId}`)).json();
    expect(conversion).toMatchObject({ kind: 'sale', program_id: programId, collaborator_id: collaboratorId, transaction_id: first.transactionId, status: 'pending', amount: 500, currency: 'USD' });
    expect((await operator.get(`${base}/obligations/${first.obligationId}`)).json()).toMatchObject({ status: 'draft', amount: 500, kind: 'commission' });
    expect((await operator.get(`${base}/opportunities/${first.opportunityId}`)).json()).toMatchObject({ collaborator_id: collaboratorId, status: 'active' });
    expect((await operator.get(`${base}/engagements`)).json().data.map((e: { id: number }) => e.id)).toEqual([second.engagementId, first.engagementId]);

    const byCollaborator = (await operator.get(`${base}/conversions?collaborator_id=${otherCollaboratorId}`)).json();
    expect(byCollaborator.data.map((c: { id: number }) => c.id)).toEqual([second.conversionId]);
    expect((await operator.get(`${base}/transactions?status=pending`)).json().data.map((t: { external_id: string }) => t.external_id)).toEqual(['order-2']);
    expect((await operator.get(`${base}/transactions?external_id=order-1&source=stripe`)).json().data).toHaveLength(1);
    expect((await operator.get(`${base}/obligations?currency=JPY`)).json().data.map((o: { id: number }) => o.id)).toEqual([second.obligationId]);

    const page = (await operator.get(`${base}/conversions?limit=1`)).json();
    expect(page).toMatchObject({ has_more: true, next_cursor: String(second.conversionId) });
    expect((await operator.get(`${base}/conversions?limit=1&cursor=${page.next_cursor}`)).json().data.map((c: { id: number }) => c.id)).toEqual([first.conversionId]);

    const tomorrow = new Date(Date.now() + 86_400_000).toISOString();
    const yesterday = new Date(Date.now() - 86_400_000).toISOString();
    expect((await operator.get(`${base}/transactions?from=${tomorrow}`)).json().data).toEqual([]);
    expect((await operator.get(`${base}/transactions?from=${yesterday}&to=${tomorrow}`)).json().data).toHaveLength(2);
    expect((await operator.get(`${base}/transactions?to=${yesterday}`)).json().data).toEqual([]);

        const bad = await operator.get(`${base}/conversions?status=paid&program_id=x&colour=red&from=someday`);
    expect(bad.statusCode).toBe(400);
    expect(fieldsOf(bad)).toEqual(['colour', 'from', 'program_id', 'status']);
    expect((await operator.get(`${base}/obligations/999999`)).statusCode).toBe(404);
  });

  it('approves through the review flow: ConversionApproved is logged and the draft obligation becomes pending', async () => {
    const approved = await operator.post(`${base}/conversions/${first.conversionId}/approve`);
    expect(approved.statusCode).toBe(200);
    const body = approved.json();
    expect(body).toMatchObject({ id: first.conversionId, status: 'approved' });
    expect(body.reviewed_at).not.toBeNull();
    const events = await domainEvents(body.inbound_event_id);
    expect(events.map((e) => e.name)).toEqual(['ConversionApproved']);
    expect(events[0]!.payload).toEqual({ conversionId: first.conversionId, by: 'admin', obligationIds: [first.obligationId] });
    expect((await operator.get(`${base}/obligations/${first.obligationId}`)).json().status).toBe('pending');

    const again = await operator.post(`${base}/conversions/${first.conversionId}/approve`);
    expect(again.statusCode).toBe(409);
    expect(again.json().error.code).toBe('conflict');
  });

  it('rejects through the review flow: ConversionRejected is logged, unpaid obligations are cancelled, and rejection is final', async () => {
    const rejected = await operator.post(`${base}/conversions/${first.conversionId}/reject`);
    expect(rejected.statusCode).toBe(200);
    expect(rejected.json().status).toBe('rejected');
    const events = await domainEvents(rejected.json().inbound_event_id);
    expect(events.map((e) => e.name)).toEqual(['ConversionRejected']);
    expect(events[0]!.payload).toMatchObject({ conversionId: first.conversionId, reason: 'admin', cancelledObligationIds: [first.obligationId] });
    expect((await operator.get(`${base}/obligations/${first.obligationId}`)).json().status).toBe('cancelled');
    expect((await operator.get(`${base}/conversions?status=rejected`)).json().data.map((c: { id: number }) => c.id)).toEqual([first.conversionId]);

    expect((await operator.post(`${base}/conversions/${first.conversionId}/approve`)).statusCode).toBe(409);
    expect((await operator.post(`${base}/conversions/${first.conversionId}/reject`)).statusCode).toBe(409);
  });

  it('turns a paid obligation into a negative balance when its conversion is rejected', async () => {
    const sale = await seedSale(server, server.workspaceId, { programId, collaboratorId, externalId: 'order-paid', total: 2000 });
    await operator.post(`${base}/conversions/${sale.conversionId}/approve`);
    await server.runtime.services.db.kysely.updateTable('obligations').set({ status: 'complete' }).where('id', '=', sale.obligationId).execute();
    const rejected = (await operator.post(`${base}/conversions/${sale.conversionId}/reject`)).json();
    const [event] = await domainEvents(rejected.inbound_event_id);
    const clawbackIds = event!.payload.clawbackObligationIds as number[];
    expect(clawbackIds).toHaveLength(1);
    expect((await operator.get(`${base}/obligations/${clawbackIds[0]}`)).json()).toMatchObject({ kind: 'clawback', amount: -200, status: 'pending', conversion_id: sale.conversionId });
    expect((await operator.get(`${base}/obligations/${sale.obligationId}`)).json().status).toBe('complete');
  });

  it('lets exactly one of two concurrent approvals win', async () => {
    const sale = await seedSale(server, server.workspaceId, { programId, collaboratorId, externalId: 'order-race', total: 3000 });
    const answers = await Promise.all([
      operator.post(`${base}/conversions/${sale.conversionId}/approve`),
      operator.post(`${base}/conversions/${sale.conversionId}/approve`),
    ]);
    expect(answers.map((a) => a.statusCode).sort()).toEqual([200, 409]);
    const logged = await server.runtime.services.db.kysely
      .selectFrom('domain_events')
      .select('payload')
      .where('workspace_id', '=', server.workspaceId)
      .where('name', '=', 'ConversionApproved')
      .execute();
    expect(logged.filter((row) => (JSON.parse(row.payload) as { conversionId: number }).conversionId === sale.conversionId)).toHaveLength(1);
  });

  it('answers 404 for review and reads of another workspace, and for unknown conversions', async () => {
    const other = await otherWorkspace(operator, `Other ${dialect} ledger`);
    const foreign = clientFor(server, other.key);
    const otherBase = `/api/v1/workspaces/${other.id}`;
    expect((await foreign.post(`${otherBase}/conversions/${second.conversionId}/approve`)).statusCode).toBe(404);
    expect((await foreign.get(`${otherBase}/conversions/${second.conversionId}`)).statusCode).toBe(404);
    expect((await foreign.get(`${otherBase}/transactions/${second.transactionId}`)).statusCode).toBe(404);
    expect((await foreign.get(`${otherBase}/conversions`)).json().data).toEqual([]);
    expect((await foreign.post(`${base}/conversions/${second.conversionId}/approve`)).statusCode).toBe(404);
    expect((await operator.post(`${base}/conversions/999999/reject`)).statusCode).toBe(404);
    expect((await operator.get(`${base}/conversions/${second.conversionId}`)).json().status).toBe('pending');
  });
});

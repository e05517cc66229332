import { beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS } from '../../support/databases.ts';
import { useTestServer } from '../../support/harness.ts';
import { clientFor, fieldsOf, otherWorkspace, type Client } from './api-client.ts';
import { seedCollaborator, seedProgram, seedSale } from './ledger-seed.ts';

describe.each(DIALECTS)('attribution admin API: programs, collaborators, codes, coupons on %s', (dialect) => {
  const server = useTestServer(dialect);
  let operator: Client;
  let base: string;
  beforeAll(async () => {
    operator = clientFor(server, server.operatorToken);
    base = `/api/v1/workspaces/${server.workspaceId}`;
  });

  it('creates a percent program with defaults, reads, updates and lists it', async () => {
    const created = await operator.post(`${base}/programs`, { name: 'Affiliates', incentive: { type: 'percent', basis_points: 1250 } });
    expect(created.statusCode).toBe(201);
    const program = created.json();
    expect(program).toMatchObject({
      name: 'Affiliates',
      status: 'active',
      incentive: { type: 'percent', basis_points: 1250 },
      lead_incentive: null,
      attribution_window_days: 30,
      attribution_model: 'last_touch',
      engagement_trigger: 'any',
      approval: 'on_payment',
    });
    expect(typeof program.id).toBe('number');

    const updated = await operator.patch(`${base}/programs/${program.id}`, {
      incentive: { type: 'flat', amounts: { USD: 500, JPY: 700 } },
      lead_incentive: { amount: 200, currency: 'EUR' },
      attribution_model: 'first_touch',
      approval: 'manual',
    });
    expect(updated.statusCode).toBe(200);
    expect(updated.json()).toMatchObject({
      name: 'Affiliates',
      incentive: { type: 'flat', amounts: { USD: 500, JPY: 700 } },
      lead_incentive: { amount: 200, currency: 'EUR' },
      attribution_model: 'first_touch',
      approval: 'manual',
    });
    expect((await operator.get(`${base}/programs/${program.id}`)).json().incentive).toEqual({ type: 'flat', amounts: { USD: 500, JPY: 700 } });
    const cleared = await operator.patch(`${base}/programs/${program.id}`, { lead_incentive: null, status: 'inactive' });
    expect(cleared.json()).toMatchObject({ lead_incentive: null, status: 'inactive' });

    const inactive = (await operator.get(`${base}/programs?status=inactive`)).json();
    expect(inactive.data.map((p: { id: number }) => p.id)).toContain(program.id);
    expect((await operator.get(`${base}/programs?status=active`)).json().data.map((p: { id: number }) => p.id)).not.toContain(program.id);
  });

  it('answers 400 listing every invalid program field, never a 500', async () => {
    const bad = await operator.post(`${base}/programs`, {
      name: '',
      incentive: { type: 'percent', basis_points: 10_001, amounts: { USD: 1 } },
      lead_incentive: { amount: 1.5, currency: 'usd' },
      attribution_window_days: 0,
      attribution_model: 'linear',
      approval: 'sometimes',
      colour: 'red',
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.code).toBe('validation_failed');
    expect(fieldsOf(bad)).toEqual(
      expect.arrayContaining([
        'colour',
        'name',
        'incentive.amounts',
        'incentive.basis_points',
        'lead_incentive.amount',
        'lead_incentive.currency',
        'attribution_window_days',
        'attribution_model',
        'approval',
      ]),
    );
    const flat = await operator.post(`${base}/programs`, { name: 'Flat', incentive: { type: 'flat', amounts: { usd: 100, EUR: -1 } } });
    expect(flat.statusCode).toBe(400);
    expect(fieldsOf(flat)).toEqual(expect.arrayContaining(['incentive.amounts', 'incentive.amounts.EUR']));
    for (const incentive of [{}, { type: 'tiered' }]) {
      const untyped = await operator.post(`${base}/programs`, { name: 'Untyped', incentive });
      expect(fieldsOf(untyped)).toEqual(['incentive.type']);
    }
    const missing = await operator.post(`${base}/programs`, {});
    expect(fieldsOf(missing)).toEqual(['incentive', 'name']);
    expect((await operator.patch(`${base}/programs/999999`, { attribution_window_days: 'ten' })).statusCode).toBe(404);
  });

  it('deletes an unused program, and refuses to delete a program or collaborator the ledger points at', async () => {
    const unused = (await operator.post(`${base}/programs`, { name: 'Temp', incentive: { type: 'percent', basis_points: 100 } })).json();
    expect((await operator.delete(`${base}/programs/${unused.id}`)).statusCode).toBe(204);
    expect((await operator.get(`${base}/programs/${unused.id}`)).statusCode).toBe(404);

    const programId = await seedProgram(server, server.workspaceId);
    const collaboratorId = await seedCollaborator(server, server.workspaceId);
    await seedSale(server, server.workspaceId, { programId, collaboratorId, externalId: 'keep-program', total: 1000 });
    const refused = await operator.delete(`${base}/programs/${programId}`);
    expect(refused.statusCode).toBe(409);
    expect(refused.json().error.code).toBe('conflict');
    const refusedCollaborator = await operator.delete(`${base}/collaborators/${collaboratorId}`);
    expect(refusedCollaborator.statusCode).toBe(409);

    const paid = (await operator.post(`${base}/collaborators`, { name: 'Paid once' })).json();
    const now = Date.now();
    await server.db.kysely
      .insertInto('payouts')
      .values({ workspace_id: server.workspaceId, collaborator_id: paid.id, status: 'paid', amount: 100, currency: 'USD', created_at: now, updated_at: now, paid_at: now })
      .execute();
    expect((await operator.delete(`${base}/collaborators/${paid.id}`)).statusCode).toBe(409);
    expect((await operator.get(`${base}/collaborators/${paid.id}`)).statusCode).toBe(200);
  });

  it('creates, updates, lists and deletes collaborators, with field errors on bad input', async () => {
    const created = await operator.post(`${base}/collaborators`, { name: 'Grace', email: 'grace@example.com', user_id: 'cust-9' });
    expect(created.statusCode).toBe(201);
    const collaborator = created.json();
    expect(collaborator).toMatchObject({ name: 'Grace', email: 'grace@example.com', user_id: 'cust-9', status: 'active' });

    const patched = await operator.patch(`${base}/collaborators/${collaborator.id}`, { status: 'banned', email: null });
    expect(patched.json()).toMatchObject({ status: 'banned', email: null, name: 'Grace' });
    expect((await operator.get(`${base}/collaborators?status=banned`)).json().data.map((c: { id: number }) => c.id)).toEqual([collaborator.id]);

    const bad = await operator.post(`${base}/collaborators`, { email: 'not-an-email', status: 'vip' });
    expect(bad.statusCode).toBe(400);
    expect(fieldsOf(bad)).toEqual(['email', 'name', 'status']);

    expect((await operator.delete(`${base}/collaborators/${collaborator.id}`)).statusCode).toBe(204);
    expect((await operator.get(`${base}/collaborators/${collaborator.id}`)).statusCode).toBe(404);
  });

  it('pages collaborators newest first with a cursor that neither repeats nor skips', async () => {
    const ids: number[] = [];
    for (const name of ['P1', 'P2', 'P3', 'P4', 'P5']) ids.push((await operator.post(`${base}/collaborators`, { name })).json().id);
    const seen: number[] = [];
    let url = `${base}/collaborators?limit=2`;
    for (;;) {
      const page = (await operator.get(url)).json();
      seen.push(...page.data.map((c: { id: number }) => c.id));
      if (!page.has_more) break;
      url = `${base}/collaborators?limit=2&cursor=${page.next_cursor}`;
    }
    const newestFirst = [...ids].reverse();
    expect(seen.filter((id) => ids.includes(id))).toEqual(newestFirst);
    const bad = await operator.get(`${base}/collaborators?limit=0&cursor=abc&colour=red`);
    expect(bad.statusCode).toBe(400);
    expect(fieldsOf(bad)).toEqual(['cursor', 'limit']);
    const unknown = await operator.get(`${base}/collaborators?colour=red`);
    expect(fieldsOf(unknown)).toEqual(['colour']);
  });

  it('manages referral codes: generated or chosen, unique case-insensitively, listed and deleted', async () => {
    const owner = (await operator.post(`${base}/collaborators`, { name: 'Linus' })).json();
    const chosen = await operator.post(`${base}/collaborators/${owner.id}/referral-codes`, { code: 'LINUS-10', expires_at: '2030-01-01T00:00:00Z' });
    expect(chosen.statusCode).toBe(201);
    expect(chosen.json()).toMatchObject({ collaborator_id: owner.id, code: 'LINUS-10', expires_at: '2030-01-01T00:00:00.000Z' });
    const generated = await operator.post(`${base}/collaborators/${owner.id}/referral-codes`);
    expect(generated.statusCode).toBe(201);
    expect(generated.json().code).toMatch(/^[a-z2-9]{8}$/);

    const duplicate = await operator.post(`${base}/collaborators/${owner.id}/referral-codes`, { code: 'linus-10' });
    expect(duplicate.statusCode).toBe(409);
    expect(fieldsOf(duplicate)).toEqual(['code']);
    const invalid = await operator.post(`${base}/collaborators/${owner.id}/referral-codes`, { code: 'has space', expires_at: 'soon' });
    expect(invalid.statusCode).toBe(400);
    expect(fieldsOf(invalid)).toEqual(['code']);
    const badDate = await operator.post(`${base}/collaborators/${owner.id}/referral-codes`, { expires_at: 'soon' });
    expect(fieldsOf(badDate)).toEqual(['expires_at']);

    const listed = (await operator.get(`${base}/collaborators/${owner.id}/referral-codes`)).json();
    expect(listed.data.map((c: { code: string }) => c.code)).toEqual([generated.json().code, 'LINUS-10']);
    expect((await operator.delete(`${base}/collaborators/${owner.id}/referral-codes/${chosen.json().id}`)).statusCode).toBe(204);
    expect((await operator.delete(`${base}/collaborators/${owner.id}/referral-codes/${chosen.json().id}`)).statusCode).toBe(404);
    expect((await operator.get(`${base}/collaborators/${owner.id}/referral-codes`)).json().data).toHaveLength(1);
  });

  it('ties coupons to a collaborator of the workspace, unique per workspace', async () => {
    const owner = (await operator.post(`${base}/collaborators`, { name: 'Barbara' })).json();
    const created = await operator.post(`${base}/coupons`, { code: 'SPRING20', collaborator_id: owner.id });
    expect(created.statusCode).toBe(201);
    expect(created.json()).toMatchObject({ code: 'SPRING20', collaborator_id: owner.id, status: 'active' });
    expect((await operator.post(`${base}/coupons`, { code: 'spring20', collaborator_id: owner.id })).statusCode).toBe(409);

    const missing = await operator.post(`${base}/coupons`, { code: 'GHOST', collaborator_id: 999_999 });
    expect(missing.statusCode).toBe(400);
    expect(fieldsOf(missing)).toEqual(['collaborator_id']);
    const invalid = await operator.post(`${base}/coupons`, { code: '', collaborator_id: 'one', status: 'on' });
    expect(fieldsOf(invalid)).toEqual(['code', 'collaborator_id', 'status']);

    const listed = (await operator.get(`${base}/coupons?collaborator_id=${owner.id}`)).json();
    expect(listed.data.map((c: { code: string }) => c.code)).toEqual(['SPRING20']);
    expect((await operator.get(`${base}/coupons?code=SPRING20`)).json().data).toHaveLength(1);
    expect((await operator.delete(`${base}/coupons/${created.json().id}`)).statusCode).toBe(204);
    expect((await operator.get(`${base}/coupons/${created.json().id}`)).statusCode).toBe(404);
  });

  it('requires the operator or an admin key, and answers 404 for another workspace and its objects', async () => {
    const mine = (await operator.post(`${base}/collaborators`, { name: 'Mine' })).json();
    expect((await server.inject({ method: 'GET', url: `${base}/programs` })).statusCode).toBe(401);
    const reader = (await operator.post(`${base}/api-keys`, { label: 'bi', scopes: ['events:read'] })).json().key;
    const forbidden = await clientFor(server, reader).get(`${base}/collaborators`);
    expect(forbidden.statusCode).toBe(403);
    expect(forbidden.json().error.code).toBe('forbidden');
    const admin = (await operator.post(`${base}/api-keys`, { label: 'admin' })).json().key;
    expect((await clientFor(server, admin).get(`${base}/collaborators/${mine.id}`)).statusCode).toBe(200);

    const other = await otherWorkspace(operator, `Other ${dialect} CRUD`);
    const foreign = clientFor(server, other.key);
    expect((await foreign.get(`${base}/collaborators`)).statusCode).toBe(404);
    const otherBase = `/api/v1/workspaces/${other.id}`;
    for (const url of [`/collaborators/${mine.id}`, `/collaborators/${mine.id}/referral-codes`]) {
      const response = await foreign.get(`${otherBase}${url}`);
      expect(response.statusCode).toBe(404);
      expect(response.json().error.code).toBe('not_found');
    }
    expect((await foreign.patch(`${otherBase}/collaborators/${mine.id}`, { name: 'Stolen' })).statusCode).toBe(404);
    expect((await foreign.delete(`${otherBase}/collaborators/${mine.id}`)).statusCode).toBe(404);
    const coupon = await foreign.post(`${otherBase}/coupons`, { code: 'THEIRS', collaborator_id: mine.id });
    expect(fieldsOf(coupon)).toEqual(['collaborator_id']);
    expect((await operator.get('/api/v1/workspaces/00000000-0000-7000-8000-000000000000/programs')).statusCode).toBe(404);
    expect((await operator.get(`${base}/collaborators/abc`)).statusCode).toBe(404);
  });
});

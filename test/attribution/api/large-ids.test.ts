import { beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS } from '../../support/databases.ts';
import { bearer, createApiKey, useTestServer } from '../../support/harness.ts';

/**
 * Attribution ids are PostgreSQL `integer` (int4). A larger number in a path, a filter, a cursor
 * or a body made PostgreSQL refuse the comparison ("value out of range for type integer") and the
 * request answer 500, where SQLite simply found nothing.
 */
const TOO_BIG = '2147483648';

describe.each(DIALECTS)('ids beyond the integer range on %s', (dialect) => {
  const server = useTestServer(dialect);
  let base: string;
  let apiKey: string;
  beforeAll(async () => {
    base = `/api/v1/workspaces/${server.workspaceId}`;
    apiKey = await createApiKey(server, { label: 'shop' });
  });

  const call = (method: 'GET' | 'POST' | 'PUT' | 'DELETE', url: string, payload?: unknown) =>
    server.inject({ method, url, headers: { authorization: bearer(apiKey) }, ...(payload === undefined ? {} : { payload: payload as object }) });

  it('answers 404 for such an id in a path', async () => {
    const reads = ['programs', 'collaborators', 'coupons', 'program-groups', 'opportunities', 'engagements', 'transactions', 'conversions', 'obligations', 'fulfillments', 'payouts', 'distributions', 'event-bindings', 'collaborators/1/ledger'];
    for (const path of reads) {
      const url = path.includes('/') ? `${base}/${path.replace('1', TOO_BIG)}` : `${base}/${path}/${TOO_BIG}`;
      const res = await call('GET', url);
      expect(res.statusCode, url).toBe(404);
      expect(res.json().error.code, url).toBe('not_found');
    }
    const writes: Array<['POST' | 'DELETE', string, unknown?]> = [
      ['POST', `${base}/conversions/${TOO_BIG}/approve`],
      ['POST', `${base}/collaborators/${TOO_BIG}/referral-codes`, { code: 'abcdef' }],
      ['POST', `${base}/collaborator-submissions/${TOO_BIG}/approve`],
      ['DELETE', `/siren/v1/webhooks/${TOO_BIG}`],
      ['DELETE', `/siren/v1/api-keys/${TOO_BIG}`],
      ['DELETE', `${base}/api-keys/${TOO_BIG}`],
    ];
    for (const [method, url, payload] of writes) {
      const res = await call(method, url, payload);
      expect(res.statusCode, url).toBe(404);
    }
  });

  it('answers 400 naming the parameter for such an id in a filter or a cursor', async () => {
    for (const url of [`/siren/v1/conversions?collaboratorId=${TOO_BIG}`, `${base}/conversions?collaborator_id=${TOO_BIG}`, `${base}/programs?cursor=${TOO_BIG}`, `${base}/domain-events?cursor=${TOO_BIG}`]) {
      const res = await call('GET', url);
      expect(res.statusCode, url).toBe(400);
      const field = new URL(url, 'http://x').searchParams.keys().next().value;
      expect(res.json().error.data.fields.map((f: { field: string }) => f.field), url).toEqual([field]);
    }
  });

  it('answers 400 naming the field for such an id in a body', async () => {
    const group = await call('POST', `${base}/program-groups`, { name: 'G', strategy: 'priority', programs: [{ program_id: 2_147_483_648 }] });
    expect(group.statusCode).toBe(400);
    expect(group.json().error.data.fields.map((f: { field: string }) => f.field)).toContain('programs.0.program_id');
    const coupon = await call('POST', `${base}/coupons`, { code: 'BIGID', collaborator_id: 2_147_483_648 });
    expect(coupon.statusCode).toBe(400);
    expect(coupon.json().error.data.fields.map((f: { field: string }) => f.field)).toContain('collaborator_id');
    const paid = await call('POST', `${base}/payouts/paid`, { payout_ids: [2_147_483_648] });
    expect(paid.statusCode).toBe(400);
    expect(paid.json().error.data.fields.map((f: { field: string }) => f.field)).toContain('payout_ids.0');
  });
});

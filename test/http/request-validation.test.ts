import { beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS } from '../support/databases.ts';
import { bearer, useTestServer } from '../support/harness.ts';

describe.each(DIALECTS)('request validation answers on %s', (dialect) => {
  const server = useTestServer(dialect);
  let base: string;
  beforeAll(async () => {
    base = `/api/v1/workspaces/${server.workspaceId}`;
  });

  const call = (method: 'GET' | 'POST', url: string, payload?: unknown) =>
    server.inject({
      method,
      url,
      headers: { authorization: bearer(server.operatorToken) },
      ...(payload === undefined ? {} : { payload: payload as object }),
    });

  it('names each unknown field instead of "body must NOT have additional properties"', async () => {
    const workspace = await call('POST', '/api/v1/workspaces', { name: 'Acme', id: 'chosen-id' });
    expect(workspace.statusCode).toBe(400);
    expect(workspace.json().error.data.fields).toEqual([{ field: 'id', message: 'is not a known field' }]);

    const program = await call('POST', `${base}/programs`, { name: 'P', incentive: { type: 'percent', basis_points: 100, bonus: 1 } });
    expect(program.statusCode).toBe(400);
    expect(program.json().error.data.fields).toContainEqual({ field: 'incentive.bonus', message: 'is not a known field' });
  });

  it('reads an empty cursor= as the first page, on opaque and integer cursors alike', async () => {
    for (const url of ['/api/v1/workspaces?cursor=', `${base}/events?cursor=`, `${base}/events/incoming?cursor=&limit=5`, `${base}/programs?cursor=`]) {
      const res = await call('GET', url);
      expect(res.statusCode, url).toBe(200);
      expect(res.json(), url).toMatchObject({ has_more: false, next_cursor: null });
    }
  });

  it('takes limit only as decimal digits: 0x10, 1e2, " 5" and 1.0 are refused, never read as numbers', async () => {
    for (const path of ['/api/v1/workspaces', `${base}/events`, `${base}/programs`]) {
      for (const limit of ['0x10', '1e2', '%205', '1.0', '-1', '0']) {
        const res = await call('GET', `${path}?limit=${limit}`);
        expect(res.statusCode, `${path} ${limit}`).toBe(400);
        expect(res.json().error.data.fields, `${path} ${limit}`).toEqual([{ field: 'limit', message: expect.stringContaining('integer') }]);
      }
      const ok = await call('GET', `${path}?limit=2`);
      expect(ok.statusCode, path).toBe(200);
    }
  });
});

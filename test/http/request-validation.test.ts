import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS } from '../support/databases.ts';
import { bearer, startTestServer, type TestServer } from '../support/harness.ts';

describe.each(DIALECTS)('request validation answers on %s', (dialect) => {
  let server: TestServer;
  let base: string;
  beforeAll(async () => {
    server = await startTestServer(dialect);
    base = `/api/v1/workspaces/${server.workspaceId}`;
  });
  afterAll(() => server?.close());

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
});

import Fastify, { type FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Authenticator, bootstrap } from '../../src/auth/index.ts';
import { ContractCache, registerContractsApi, type ContractsDeps } from '../../src/contracts/index.ts';
import { migrateToLatest, openDatabase, type Db } from '../../src/db/index.ts';
import { registerErrorHandler } from '../../src/http/error-handler.ts';
import { registerDescriptiveSchemas } from '../../src/openapi/index.ts';
import { DIALECTS, TEST_ADMIN_TOKEN, testDatabase, type TestDatabase } from '../support/databases.ts';

/**
 * The contracts capability on a bare Fastify instance with only the deps its `index.ts` declares:
 * no runtime, no workers, no sandbox, no other capability's routes.
 */
describe.each(DIALECTS)('the contracts capability alone on %s', (dialect) => {
  let database: TestDatabase;
  let db: Db;
  let app: FastifyInstance;
  let workspaceId: string;
  // A long max age: a contract the cache sees at once was invalidated by the route, not reloaded by age.
  const contracts = new ContractCache(60 * 60_000);

  beforeAll(async () => {
    database = testDatabase(dialect);
    db = await openDatabase(database.config);
    await migrateToLatest(db);
    ({ workspaceId } = await bootstrap(db, database.config));
    const deps: ContractsDeps = { db, auth: new Authenticator(db, database.config), contracts };
    app = Fastify();
    registerDescriptiveSchemas(app);
    registerErrorHandler(app);
    registerContractsApi(app, deps);
    await app.ready();
  });
  afterAll(async () => {
    await app?.close();
    await db?.close();
    await database?.cleanup();
  });

  const url = () => `/api/v1/workspaces/${workspaceId}/event-contracts`;
  const operator = { authorization: `Bearer ${TEST_ADMIN_TOKEN}` };

  it('creates and lists a contract through app.inject, and invalidates the cache it was handed', async () => {
    await contracts.refresh(db.kysely, [workspaceId], Date.now());
    expect(contracts.matching(workspaceId, 'track', 'Order Placed')).toEqual([]);

    const created = await app.inject({
      method: 'POST',
      url: url(),
      headers: operator,
      payload: { name: 'Orders', event_type: 'track', event_name: 'Order Placed', schema_definition: { properties: { total: { type: 'number', required: true } } } },
    });
    expect(created.statusCode).toBe(201);
    const listed = await app.inject({ method: 'GET', url: url(), headers: operator });
    expect(listed.statusCode).toBe(200);
    expect(JSON.stringify(listed.json())).toContain(created.json().id);

    await contracts.refresh(db.kysely, [workspaceId], Date.now());
    expect(contracts.matching(workspaceId, 'track', 'Order Placed').map((c) => c.row.id)).toEqual([created.json().id]);
  });

  it('answers 401 in the house error shape without a credential', async () => {
    const res = await app.inject({ method: 'GET', url: url() });
    expect(res.statusCode).toBe(401);
    expect(res.json().error.code).toBe('unauthorized');
  });
});

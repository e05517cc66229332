import Fastify, { type FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ERROR_CODES, ERROR_DESCRIPTIONS } from '../../src/errors/index.ts';
import { refused } from '../../src/attribution/flows/flow-context.ts';
import { registerErrorHandler } from '../../src/http/error-handler.ts';
import { DIALECTS } from '../support/databases.ts';
import { startTestServer, type TestServer } from '../support/harness.ts';
import { createValidator, fieldErrors } from '../../src/http/validate.ts';

/** An error as a plugin raises it: a plain Error with a statusCode, no code of ours. */
function pluginError(statusCode: number, message: string): Error {
  return Object.assign(new Error(message), { statusCode });
}

describe('one error path', () => {
  let app: FastifyInstance;
  beforeAll(async () => {
    app = Fastify();
    registerErrorHandler(app);
    app.get('/plugin/:status', async (request) => {
      throw pluginError(Number((request.params as { status: string }).status), 'refused by a plugin');
    });
    app.post(
      '/schema',
      { schema: { body: { type: 'object', required: ['name'], additionalProperties: false, properties: { name: { type: 'string' } } } } },
      async () => ({ ok: true }),
    );
    await app.ready();
  });
  afterAll(() => app.close());

  it.each([
    [401, 'unauthorized'],
    [403, 'forbidden'],
    [404, 'not_found'],
    [405, 'method_not_allowed'],
    [409, 'conflict'],
    [429, 'rate_limited'],
  ])('keeps a plugin\'s %i and answers it with the code %s', async (status, code) => {
    const res = await app.inject({ method: 'GET', url: `/plugin/${status}` });
    expect(res.statusCode).toBe(status);
    expect(res.json().error).toEqual({ code, message: 'refused by a plugin' });
    expect(ERROR_CODES[code as keyof typeof ERROR_CODES]).toBe(status);
  });

  it('answers a route schema\'s errors with the same field errors as our own validators', async () => {
    const res = await app.inject({ method: 'POST', url: '/schema', payload: {} });
    expect(res.statusCode).toBe(400);
    const expected = createValidator().ajv.compile({ type: 'object', required: ['name'], properties: { name: { type: 'string' } } });
    expected({});
    expect(res.json().error.data.fields).toEqual(fieldErrors(expected.errors));
    expect(res.json().error.data.fields).toEqual([{ field: 'name', message: 'is required' }]);
  });

  it('lets the code decide a refused flow\'s status', () => {
    expect(refused('not_found', 'No sale.')).toEqual({ status: 404, opportunityId: null, error: { code: 'not_found', message: 'No sale.' } });
    expect(refused('refund_exceeds_sale', 'Too much.', 7).status).toBe(422);
  });

  it('gives each validator its own Ajv: a format added to one is not seen by another', () => {
    const one = createValidator();
    const two = createValidator();
    one.ajv.addFormat('only-here', /^x$/);
    expect(() => one.compile({ type: 'string', format: 'only-here' })('y')).toThrow(/invalid fields/);
    expect(two.compile({ type: 'string', format: 'only-here' })('y')).toBe('y');
    expect(one.compile<string>({ type: 'string', format: 'currency' })('USD')).toBe('USD');
    expect(() => two.compile({ type: 'string', format: 'currency' })('usd')).toThrow(/invalid fields/);
  });

  it('describes every code it can answer with', () => {
    expect(ERROR_DESCRIPTIONS.rate_limited).toMatch(/\S/);
  });
});

describe.each(DIALECTS)('the error catalogue served on %s', (dialect) => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer(dialect);
  });
  afterAll(() => server?.close());

  it('serves every code with its status and description at GET /api/v1/errors, without a credential', async () => {
    const res = await server.inject({ method: 'GET', url: '/api/v1/errors' });
    expect(res.statusCode).toBe(200);
    const entries = res.json() as Array<{ code: string; status: number; description: string }>;
    expect(entries.map((entry) => entry.code)).toEqual(Object.keys(ERROR_CODES));
    expect(entries).toContainEqual({ code: 'rate_limited', status: 429, description: ERROR_DESCRIPTIONS.rate_limited });
    for (const entry of entries) expect(entry.status).toBe(ERROR_CODES[entry.code as keyof typeof ERROR_CODES]);
  });
});

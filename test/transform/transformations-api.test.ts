import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS } from '../support/databases.ts';
import { bearer, startTestServer, waitFor, type TestServer } from '../support/harness.ts';

/** Seed 003's example. */
const SEED_EXAMPLE = {
  name: 'Enrich Purchase Events',
  description: 'Add computed fields to purchase events',
  source_code: "function transform(event) {\n  if (event.properties.total > 100) {\n    event.properties.tier = 'high_value';\n  }\n  return event;\n}",
  test_input: { event: 'purchase_completed', properties: { total: 150 } },
  test_output: { event: 'purchase_completed', properties: { total: 150, tier: 'high_value' } },
};

describe.each(DIALECTS)('event transformations API on %s', (dialect) => {
  let server: TestServer;
  let base: string;
  beforeAll(async () => {
    // A loaded CI machine must not turn a correct transformation into a timeout; the limit itself
    // is tested with its own, short value below.
    server = await startTestServer(dialect, { transformTimeoutMs: 1000, transformProcesses: 1 });
    base = `/api/v1/workspaces/${server.workspaceId}/event-transformations`;
  });
  afterAll(() => server?.close());

  const request = (method: 'GET' | 'POST' | 'PUT' | 'DELETE', url: string, payload?: unknown, token = server.operatorToken) =>
    server.inject({ method, url, headers: { authorization: bearer(token) }, ...(payload === undefined ? {} : { payload: payload as object }) });
  const create = (body: Record<string, unknown>) => request('POST', base, body);
  const fieldsOf = (response: { json(): { error: { data: { fields: { field: string }[] } } } }) =>
    response.json().error.data.fields.map((f) => f.field).sort();

  it('creates the seed example as active, with a UUIDv7 id, and reads it back', async () => {
    const created = await create(SEED_EXAMPLE);
    expect(created.statusCode).toBe(201);
    const body = created.json();
    expect(body).toMatchObject({ ...SEED_EXAMPLE, workspace_id: server.workspaceId, status: 'active', error: null });
    expect(body.id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(Date.parse(body.created_at)).not.toBeNaN();
    const read = await request('GET', `${base}/${body.id}`);
    expect(read.statusCode).toBe(200);
    expect(read.json()).toEqual(body);
  });

  it('compares test_output deeply, whatever the key order', async () => {
    const created = await create({
      ...SEED_EXAMPLE,
      test_output: { properties: { tier: 'high_value', total: 150 }, event: 'purchase_completed' },
    });
    expect(created.json().status).toBe('active');
  });

  it('marks a mismatch as error and says where the result differs', async () => {
    const created = await create({ ...SEED_EXAMPLE, test_output: { event: 'purchase_completed', properties: { total: 150, tier: 'low' } } });
    expect(created.statusCode).toBe(201);
    expect(created.json().status).toBe('error');
    expect(created.json().error).toMatch(/differs from test_output at properties\.tier/);
    expect(created.json().error).toContain('"tier":"high_value"');
  });

  it('marks a syntax error and a throwing test run as error with the reason', async () => {
    const syntax = await create({ ...SEED_EXAMPLE, source_code: 'function transform(event) { return event' });
    expect(syntax.json()).toMatchObject({ status: 'error' });
    expect(syntax.json().error).toMatch(/^compilation failed: SyntaxError/);
    const throwing = await create({ ...SEED_EXAMPLE, source_code: 'function transform(event) { return event.missing.deeper; }' });
    expect(throwing.json().status).toBe('error');
    expect(throwing.json().error).toMatch(/^the test run failed: TypeError/);
  });

  it('accepts null as the expected output of a transformation that drops the event, and arrays for fan-out', async () => {
    const drop = await create({ ...SEED_EXAMPLE, source_code: 'function transform(event) { return null; }', test_output: null });
    expect(drop.json().status).toBe('active');
    const fanOut = await create({
      ...SEED_EXAMPLE,
      source_code: 'function transform(event) { return [event, { event: "copy" }]; }',
      test_output: [SEED_EXAMPLE.test_input, { event: 'copy' }],
    });
    expect(fanOut.json().status).toBe('active');
  });

  it('keeps a draft a draft without running it, until the client asks for activation', async () => {
    const draft = await create({ name: 'WIP', source_code: 'function transform(event) { return event', status: 'draft' });
    expect(draft.statusCode).toBe(201);
    expect(draft.json()).toMatchObject({ status: 'draft', error: null, test_input: null, test_output: null, description: '' });
    const url = `${base}/${draft.json().id}`;
    const edited = await request('PUT', url, { source_code: 'function transform(event) { event.x = 1; return event; }' });
    expect(edited.json().status).toBe('draft');
    const incomplete = await request('PUT', url, { status: 'active' });
    expect(incomplete.statusCode).toBe(400);
    expect(fieldsOf(incomplete)).toEqual(['test_input', 'test_output']);
    const activated = await request('PUT', url, { status: 'active', test_input: { a: 1 }, test_output: { a: 1, x: 1 } });
    expect(activated.statusCode).toBe(200);
    expect(activated.json()).toMatchObject({ status: 'active', name: 'WIP', test_input: { a: 1 } });
  });

  it('re-runs the test on update: a breaking edit turns an active transformation into error and back', async () => {
    const id = (await create(SEED_EXAMPLE)).json().id;
    const broken = await request('PUT', `${base}/${id}`, { source_code: 'function transform(event) { return { other: true }; }' });
    expect(broken.json()).toMatchObject({ status: 'error', name: SEED_EXAMPLE.name });
    const fixed = await request('PUT', `${base}/${id}`, { source_code: SEED_EXAMPLE.source_code });
    expect(fixed.json()).toMatchObject({ status: 'active', error: null });
    expect(Date.parse(fixed.json().updated_at)).toBeGreaterThanOrEqual(Date.parse(fixed.json().created_at));
  });

  it('lists every invalid field in one 400 and never saves', async () => {
    const before = (await request('GET', `${base}?limit=500`)).json().data.length;
    const invalid = await create({ name: '', source_code: 42, test_input: 'x', test_output: 5, status: 'error', extra: true });
    expect(invalid.statusCode).toBe(400);
    expect(invalid.json().error.code).toBe('validation_failed');
    expect(fieldsOf(invalid)).toEqual(expect.arrayContaining(['name', 'source_code', 'test_input', 'test_output', 'status']));
    const missing = await create({});
    expect(fieldsOf(missing)).toEqual(['name', 'source_code']);
    expect((await request('GET', `${base}?limit=500`)).json().data.length).toBe(before);
  });

  it('refuses a source over 64 KB and a source that defines no transform function', async () => {
    const huge = await create({ ...SEED_EXAMPLE, source_code: `function transform(e) { return e; }\n//${'x'.repeat(64 * 1024)}` });
    expect(huge.statusCode).toBe(400);
    expect(huge.json().error.data.fields).toEqual([{ field: 'source_code', message: 'must be at most 65536 bytes' }]);
    const lexical = await create({ ...SEED_EXAMPLE, source_code: 'function handle(e) { return e; }' });
    expect(lexical.statusCode).toBe(400);
    const runtime = await create({ ...SEED_EXAMPLE, source_code: 'var transform = "not a function";' });
    expect(runtime.statusCode).toBe(400);
    expect(runtime.json().error.data.fields).toEqual([{ field: 'source_code', message: 'must define a function named transform' }]);
  });

  it('refuses NUL characters in text fields, and stores an error message that contains one', async () => {
    const invalid = await create({ ...SEED_EXAMPLE, name: 'a\u0000b', source_code: 'function transform(e) { return e; } // \u0000' });
    expect(invalid.statusCode).toBe(400);
    expect(fieldsOf(invalid)).toEqual(['name', 'source_code']);
    const nulError = await create({ ...SEED_EXAMPLE, source_code: "function transform(e) { throw new Error('bad \\u0000 byte'); }" });
    expect(nulError.statusCode).toBe(201);
    expect(nulError.json()).toMatchObject({ status: 'error', error: 'the test run failed: Error: bad \uFFFD byte' });
  });

  it('pages the list newest first with a cursor, and filters by status', async () => {
    const other = (
      await request('POST', '/api/v1/workspaces', { name: `Paging ${dialect}` })
    ).json().id as string;
    const otherBase = `/api/v1/workspaces/${other}/event-transformations`;
    const ids: string[] = [];
    for (let i = 0; i < 5; i += 1) {
      const created = await request('POST', otherBase, { name: `t${i}`, source_code: 'function transform(e) { return e; }', status: 'draft' });
      ids.push(created.json().id);
    }
    const first = (await request('GET', `${otherBase}?limit=2`)).json();
    expect(first.data.map((t: { name: string }) => t.name)).toEqual(['t4', 't3']);
    expect(first.has_more).toBe(true);
    const second = (await request('GET', `${otherBase}?limit=2&cursor=${first.next_cursor}`)).json();
    expect(second.data.map((t: { name: string }) => t.name)).toEqual(['t2', 't1']);
    const third = (await request('GET', `${otherBase}?limit=2&cursor=${second.next_cursor}`)).json();
    expect(third).toMatchObject({ has_more: false, next_cursor: null });
    expect(third.data.map((t: { name: string }) => t.name)).toEqual(['t0']);
    expect((await request('GET', `${otherBase}?status=active`)).json().data).toEqual([]);
    const bad = await request('GET', `${otherBase}?status=nope&limit=0`);
    expect(fieldsOf(bad)).toEqual(['limit', 'status']);
  });

  it('deletes a transformation; a second delete and a read are 404', async () => {
    const id = (await create(SEED_EXAMPLE)).json().id;
    expect((await request('DELETE', `${base}/${id}`)).statusCode).toBe(204);
    expect((await request('DELETE', `${base}/${id}`)).statusCode).toBe(404);
    expect((await request('GET', `${base}/${id}`)).json().error.code).toBe('not_found');
  });

  it("answers 404 for another workspace's transformation, and 401/403 without the right credential", async () => {
    const id = (await create(SEED_EXAMPLE)).json().id;
    const other = (await request('POST', '/api/v1/workspaces', { name: `Other ${dialect}` })).json().id as string;
    const otherBase = `/api/v1/workspaces/${other}/event-transformations`;
    expect((await request('GET', `${otherBase}/${id}`)).statusCode).toBe(404);
    expect((await request('PUT', `${otherBase}/${id}`, { name: 'stolen' })).statusCode).toBe(404);
    expect((await request('DELETE', `${otherBase}/${id}`)).statusCode).toBe(404);
    expect((await request('POST', `${otherBase}/${id}/test`, { input: {} })).statusCode).toBe(404);
    const key = (await request('POST', `/api/v1/workspaces/${other}/api-keys`, { label: 'other admin', scopes: ['admin'] })).json().key as string;
    expect((await request('GET', `${base}/${id}`, undefined, key)).statusCode).toBe(404);
    const reader = (await request('POST', `/api/v1/workspaces/${server.workspaceId}/api-keys`, { label: 'reader', scopes: ['events:read'] })).json().key as string;
    expect((await request('GET', `${base}/${id}`, undefined, reader)).statusCode).toBe(200);
    expect((await request('POST', base, SEED_EXAMPLE, reader)).statusCode).toBe(403);
    expect((await server.inject({ method: 'GET', url: base })).statusCode).toBe(401);
    expect((await request('GET', `${base}/${id}`)).json().name).toBe(SEED_EXAMPLE.name);
  });

  it('test-runs any input and answers output, logs and timing', async () => {
    const id = (await create({ ...SEED_EXAMPLE, source_code: `function transform(event) { console.log('total', event.properties.total); ${SEED_EXAMPLE.source_code.replace('function transform(event) {', '')}` })).json().id;
    const run = await request('POST', `${base}/${id}/test`, { input: { event: 'purchase_completed', properties: { total: 500 } } });
    expect(run.statusCode).toBe(200);
    const body = run.json();
    expect(body.output).toEqual({ event: 'purchase_completed', properties: { total: 500, tier: 'high_value' } });
    expect(body.logs).toEqual(['total 500']);
    expect(typeof body.duration_ms).toBe('number');
    expect(body.error).toBeUndefined();
    const unsaved = await request('POST', `${base}/${id}/test`, { input: { a: 1 }, source_code: 'function transform(e) { return [e, e]; }' });
    expect(unsaved.json().output).toEqual([{ a: 1 }, { a: 1 }]);
    const invalid = await request('POST', `${base}/${id}/test`, { input: [1] });
    expect(fieldsOf(invalid)).toEqual(['input']);
  });

  it('answers hostile code with a clear error in the test run, and stays healthy', async () => {
    const id = (await create(SEED_EXAMPLE)).json().id;
    const hostile: [string, RegExp][] = [
      ['function transform(e) { while (true) {} }', /^time limit of 1000 ms exceeded$/],
      ['function transform(e) { const a = []; for (;;) a.push(new Array(1e6).fill(1)); }', /^memory limit of 32 MB exceeded$/],
      ["function transform(e) { return this.constructor.constructor('return process')(); }", /process is not defined/],
      ["function transform(e) { return require('fs').readFileSync('/etc/passwd'); }", /require is not defined/],
      ["function transform(e) { throw 'plain string'; }", /non-Error value: plain string/],
      ['function transform(e) { return function () {}; }', /returned a function/],
      ['function transform(e) { return Symbol(); }', /returned a Symbol/],
      ['function transform(e) { return 1n; }', /returned a BigInt/],
      ['Object.prototype.polluted = true; function transform(e) { return e; }', /^$/],
    ];
    for (const [source, expected] of hostile) {
      const run = await request('POST', `${base}/${id}/test`, { input: { a: 1 }, source_code: source });
      expect(run.statusCode).toBe(200);
      expect(run.json().error ?? '').toMatch(expected);
    }
    // Pollution by one run of a source reaches neither the next run of the same source nor the server.
    const polluter = 'function transform(e) { const seen = ({}).polluted ?? null; if (e.pollute) Object.prototype.polluted = true; return { seen }; }';
    const first = await request('POST', `${base}/${id}/test`, { input: { pollute: true }, source_code: polluter });
    expect(first.json().output).toEqual({ seen: null });
    const second = await request('POST', `${base}/${id}/test`, { input: { pollute: false }, source_code: polluter });
    expect(second.json().output).toEqual({ seen: null });
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect((await server.inject({ method: 'GET', url: '/healthz' })).statusCode).toBe(200);
    expect((await request('GET', `${base}/${id}`)).json().status).toBe('active');
  });

  it('fails the run a killed sandbox process held, and the next run works', async () => {
    const id = (await create(SEED_EXAMPLE)).json().id;
    const pool = server.runtime.services.transformer as unknown as { processIds(): number[]; stats(): { busy: number } };
    const held = request('POST', `${base}/${id}/test`, { input: {}, source_code: 'function transform(e) { for (;;) {} }' });
    await waitFor(() => (pool.stats().busy > 0 ? true : undefined), 'the sandbox to hold the run');
    for (const pid of pool.processIds()) process.kill(pid, 'SIGKILL');
    const failed = await held;
    expect(failed.statusCode).toBe(200);
    expect(failed.json().error).toMatch(/sandbox process was killed by SIGKILL/);
    const next = await request('POST', `${base}/${id}/test`, { input: SEED_EXAMPLE.test_input });
    expect(next.json().output).toEqual(SEED_EXAMPLE.test_output);
  });
});

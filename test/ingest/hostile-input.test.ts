import { beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS } from '../support/databases.ts';
import { basicAuth, bearer, useTestServer, waitFor } from '../support/harness.ts';

describe.each(DIALECTS)('hostile and malformed input on %s', (dialect) => {
  const server = useTestServer(dialect);
  let auth: string;
  beforeAll(async () => {
    auth = basicAuth(server.writeKey);
  });

  const raw = (url: string, payload: string | Buffer, contentType = 'application/json') =>
    server.inject({ method: 'POST', url, payload, headers: { authorization: auth, 'content-type': contentType } });
  const inboxCount = async () =>
    Number((await server.db.kysely.selectFrom('inbox').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n);

  const cases: Array<[string, string | Buffer, number, string, string?]> = [
    ['malformed JSON', '{"event": "x", ', 400, 'invalid_json'],
    ['an empty body', '', 400, 'invalid_json'],
    ['invalid UTF-8 bytes', Buffer.from([0x7b, 0x22, 0x65, 0x22, 0x3a, 0x22, 0xff, 0xfe, 0x22, 0x7d]), 400, 'invalid_encoding'],
    ['a __proto__ key', '{"event":"x","userId":"u","properties":{"__proto__":{"admin":true}}}', 400, 'forbidden_property'],
    ['a constructor.prototype key', '{"event":"x","userId":"u","constructor":{"prototype":{"admin":true}}}', 400, 'forbidden_property'],
    ['100,000 levels of nesting', `{"event":"x","userId":"u","properties":${'['.repeat(100_000)}${']'.repeat(100_000)}}`, 400, 'too_deeply_nested'],
    ['a JSON array instead of an object', '[1,2,3]', 400, 'validation_failed'],
    ['a JSON string', '"hello"', 400, 'validation_failed'],
    ['null', 'null', 400, 'validation_failed'],
    ['wrong field types', '{"event":42,"userId":{"a":1},"properties":"text","timestamp":"not a date"}', 400, 'validation_failed'],
    // The Segment API reads any body as JSON (RudderStack's SDK labels its JSON as a form).
    ['a form body', 'event=x&userId=u', 400, 'invalid_json', 'application/x-www-form-urlencoded'],
  ];

  it.each(cases)('answers %s with the exact status and code, writing nothing', async (_name, payload, status, code, contentType) => {
    const before = await inboxCount();
    // The nesting case is larger than 32 KB: the batch endpoint (500 KB limit) lets it reach the depth check.
    const url = Buffer.byteLength(payload) > 32 * 1024 ? '/v1/batch' : '/v1/track';
    const answer = await raw(url, payload, contentType);
    expect(answer.statusCode).toBe(status);
    expect(answer.json().error.code).toBe(code);
    expect(await inboxCount()).toBe(before);
  });

  it('names each wrongly typed field', async () => {
    const res = await raw('/v1/track', '{"event":42,"userId":{"a":1},"properties":"text","timestamp":"not a date"}');
    const fields = res.json().error.data.fields.map((f: { field: string }) => f.field).sort();
    expect(fields).toEqual(['event', 'properties', 'timestamp', 'userId']);
  });

  it('keeps serving after hostile bodies', async () => {
    const res = await raw('/v1/track', JSON.stringify({ event: 'Still Alive', userId: 'u' }));
    expect(res.statusCode).toBe(200);
  });

  it('stores NUL characters in names and ids without failing the event or its neighbours', async () => {
    const hostile = raw('/v1/track', JSON.stringify({ event: 'nul\u0000name', userId: 'u\u0000', messageId: 'nul\u0000id' }));
    const neighbour = raw('/v1/track', JSON.stringify({ event: 'Neighbour', userId: 'n', messageId: 'neighbour-1' }));
    const [a, b] = await Promise.all([hostile, neighbour]);
    expect(a.statusCode).toBe(200);
    expect(b.statusCode).toBe(200);
    const rows = await waitFor(async () => {
      const found = await server.db.kysely
        .selectFrom('events')
        .select(['name', 'user_id', 'body'])
        .where('name', 'in', ['nul\uFFFDname', 'Neighbour'])
        .execute();
      return found.length === 2 ? found : undefined;
    }, 'both events processed');
    expect(rows.map((r) => r.name).sort()).toEqual(['Neighbour', 'nul\uFFFDname']);
  });

  it('keeps quotes, backslashes, braces, commas and the word NULL exactly through processing', async () => {
    // PostgreSQL workers bind a batch's columns as array literals (db/bulk-insert.ts), where these
    // characters are syntax: every one must come back as it was sent, in columns and in the body.
    const tricky = ['say "hi"', 'back\\slash\\', '{braces}', 'a,b', 'NULL', '', ' padded ', 'é 🐟 \n tab\t', '\\"{,}"\\'];
    const batch = tricky.map((text, i) => ({ type: 'track', event: `E ${text}`, userId: `user ${text}`, messageId: `tricky-${i}-${text}`, properties: { text } }));
    expect((await raw('/v1/batch', JSON.stringify({ batch }))).statusCode).toBe(200);
    const rows = await waitFor(async () => {
      const found = await server.db.kysely
        .selectFrom('events')
        .select(['name', 'user_id', 'message_id', 'body'])
        .where('message_id', 'like', 'tricky-%')
        .execute();
      return found.length === tricky.length ? found : undefined;
    }, 'every tricky event processed');
    const byMessageId = new Map(rows.map((row) => [row.message_id, row]));
    tricky.forEach((text, i) => {
      const row = byMessageId.get(`tricky-${i}-${text}`);
      expect(row?.name).toBe(`E ${text}`);
      expect(row?.user_id).toBe(`user ${text}`);
      expect((JSON.parse(row!.body) as { properties: { text: string } }).properties.text).toBe(text);
    });
    const inbox = await server.db.kysely.selectFrom('inbox').select(['dedupe_key', 'payload']).where('dedupe_key', 'like', 'msg:tricky-%').execute();
    expect(inbox.map((row) => row.dedupe_key).sort()).toEqual(tricky.map((text, i) => `msg:tricky-${i}-${text}`).sort());
    for (const row of inbox) expect(JSON.parse(row.payload)).toMatchObject({ messageId: row.dedupe_key!.slice('msg:'.length) });
  });

  it('answers 404 route_not_found for unknown paths and 404 for an unknown workspace', async () => {
    const unknown = await server.inject({ method: 'GET', url: '/v2/nothing' });
    expect(unknown.statusCode).toBe(404);
    expect(unknown.json().error.code).toBe('route_not_found');
    const workspace = await server.inject({
      method: 'GET',
      url: '/api/v1/workspaces/01234567-89ab-7def-8123-456789abcdef/event-keys',
      headers: { authorization: bearer(server.operatorToken) },
    });
    expect(workspace.statusCode).toBe(404);
    expect(workspace.json().error.code).toBe('not_found');
  });

  it('answers 413 for a body over the limit of the client events endpoint', async () => {
    const res = await server.inject({
      method: 'POST',
      url: '/api/v1/client/events',
      headers: { authorization: bearer(server.writeKey), 'content-type': 'application/json' },
      payload: JSON.stringify({ type: 'big', uid: 'u', metadata: { pad: 'x'.repeat(40_000) } }),
    });
    expect(res.statusCode).toBe(413);
    expect(res.json().error.code).toBe('payload_too_large');
  });
});

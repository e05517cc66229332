import type { LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS } from '../support/databases.ts';
import { bearer, startTestServer, type TestServer } from '../support/harness.ts';

/** A deterministic shuffle (mulberry32), so a failing interleaving can be run again. */
function shuffled<T>(items: T[], seed: number): T[] {
  let state = seed >>> 0;
  const random = () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
  const out = [...items];
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [out[i], out[j]] = [out[j]!, out[i]!];
  }
  return out;
}

describe.each(DIALECTS)('client events: idempotency compares meaning, not bytes, on %s', (dialect) => {
  let server: TestServer;
  let key: string;

  beforeAll(async () => {
    server = await startTestServer(dialect);
    const created = await server.inject({
      method: 'POST',
      url: `/api/v1/workspaces/${server.workspaceId}/api-keys`,
      headers: { authorization: bearer(server.operatorToken) },
      payload: { label: 'backend', scopes: ['events:write', 'events:read'] },
    });
    key = created.json().key;
  });
  afterAll(() => server?.close());

  /** Sends the body text exactly as given, so spacing, key order and number spellings reach the server. */
  const sendText = (text: string, url = '/api/v1/client/events') =>
    server.inject({ method: 'POST', url, payload: text, headers: { authorization: bearer(key), 'content-type': 'application/json' } });

  const expectDuplicateOf = (first: LightMyRequestResponse, again: LightMyRequestResponse) => {
    expect(again.statusCode, again.body).toBe(first.statusCode);
    expect(again.json()).toMatchObject({ id: first.json().id, duplicate: true });
    expect(again.headers['idempotent-replayed']).toBe('true');
  };

  it('answers the same event with its keys in another order as a duplicate', async () => {
    const first = await sendText('{"uid":"u-order","type":"purchase","amount":10,"metadata":{"a":1,"b":[1,{"x":true,"y":null}]},"idempotency_key":"order-1"}');
    const again = await sendText('{"idempotency_key":"order-1","metadata":{"b":[1,{"y":null,"x":true}],"a":1},"amount":10,"type":"purchase","uid":"u-order"}');
    expect(first.statusCode).toBe(202);
    expectDuplicateOf(first, again);
  });

  it('answers the same event with other whitespace as a duplicate', async () => {
    const first = await sendText('{"uid":"u-space","type":"purchase","idempotency_key":"space-1"}');
    const again = await sendText('{ "uid" : "u-space",\n  "type": "purchase",\t"idempotency_key": "space-1" }\n');
    expectDuplicateOf(first, again);
  });

  it('answers the same event with numbers spelled differently (1.50 and 1.5, 1e2 and 100) as a duplicate', async () => {
    const first = await sendText('{"uid":"u-num","type":"purchase","amount":1.50,"metadata":{"count":1e2,"ratio":0.10},"idempotency_key":"num-1"}');
    const again = await sendText('{"uid":"u-num","type":"purchase","amount":1.5,"metadata":{"count":100,"ratio":1E-1},"idempotency_key":"num-1"}');
    expectDuplicateOf(first, again);
    const changed = await sendText('{"uid":"u-num","type":"purchase","amount":1.51,"metadata":{"count":100,"ratio":0.1},"idempotency_key":"num-1"}');
    expect(changed.statusCode).toBe(422);
    expect(changed.json().error.code).toBe('idempotency_key_reused');
  });

  it('compares a /bulk event with a single event of the same key by meaning, both ways', async () => {
    const single = await sendText('{"uid":"u-mix","type":"signup","plan":"pro","idempotency_key":"mix-1"}');
    const bulk = await sendText('{"events":[{"plan":"pro","idempotency_key":"mix-1","type":"signup","uid":"u-mix"}]}', '/api/v1/client/events/bulk');
    expect(bulk.statusCode, bulk.body).toBe(202);
    expect(bulk.json().results[0]).toMatchObject({ id: single.json().id, duplicate: true });

    const bulkFirst = await sendText('{"events":[{"uid":"u-mix2","type":"signup","amount":2.0,"idempotency_key":"mix-2"}]}', '/api/v1/client/events/bulk');
    const singleAgain = await sendText('{ "amount": 2, "idempotency_key": "mix-2", "type": "signup", "uid": "u-mix2" }');
    expectDuplicateOf({ ...bulkFirst, json: () => bulkFirst.json().results[0] } as LightMyRequestResponse, singleAgain);
  });

  it('answers a /bulk repeat with reordered keys and respelled numbers as a duplicate, and another body as 422', async () => {
    const first = await sendText('[{"uid":"u-b","type":"t","amount":3.10,"idempotency_key":"bulk-meaning"}]', '/api/v1/client/events/bulk');
    const again = await sendText('[ { "idempotency_key":"bulk-meaning", "amount":3.1, "type":"t", "uid":"u-b" } ]', '/api/v1/client/events/bulk');
    expect(again.statusCode, again.body).toBe(202);
    expect(again.json().results[0]).toEqual(expect.objectContaining({ id: first.json().results[0].id, duplicate: true }));
    const other = await sendText('[{"uid":"u-b","type":"t","amount":3.2,"idempotency_key":"bulk-meaning"}]', '/api/v1/client/events/bulk');
    expect(other.statusCode).toBe(422);
    expect(other.json().error.code).toBe('idempotency_key_reused');
  });

  /**
   * 25 requests with body X and 25 with body Y under one key, sent at once and shuffled. Whichever
   * body is stored first wins: every request with that body answers the stored row's id (all but
   * one as duplicates), every request with the other body 422, and the inbox holds one row.
   */
  async function raceOneKey(idempotencyKey: string, seed: number, stored?: 'x' | 'y') {
    const bodies = {
      x: { uid: 'racer', type: 'purchase', amount: 10, idempotency_key: idempotencyKey },
      y: { uid: 'racer', type: 'purchase', amount: 20, idempotency_key: idempotencyKey },
    };
    let storedId: string | undefined;
    if (stored) {
      const res = await sendText(JSON.stringify(bodies[stored]));
      expect(res.statusCode).toBe(202);
      storedId = res.json().id;
    }
    // Half of each body's requests spell it differently: the race is over meaning, not bytes.
    const spelled = (which: 'x' | 'y', i: number) => {
      const body = bodies[which];
      return i % 2 === 0 ? JSON.stringify(body) : JSON.stringify(Object.fromEntries(Object.entries(body).reverse()), null, 1);
    };
    const plan = shuffled([...Array.from({ length: 25 }, (_, i) => ['x', i] as const), ...Array.from({ length: 25 }, (_, i) => ['y', i] as const)], seed);
    const answers = await Promise.all(plan.map(async ([which, i]) => ({ which, res: await sendText(spelled(which, i)) })));

    const created = answers.filter(({ res }) => res.statusCode === 202 && res.json().duplicate === false);
    const winner = stored ?? created[0]?.which;
    expect(created.length, 'requests that created the row').toBe(stored ? 0 : 1);
    const winnerId = storedId ?? created[0]!.res.json().id;
    const summary = answers.map(({ which, res }) => `${which}:${res.statusCode}${res.statusCode === 202 ? (res.json().duplicate ? 'd' : 'n') : ''}`);
    for (const { which, res } of answers) {
      if (which === winner) {
        expect(res.statusCode, summary.join(' ')).toBe(202);
        expect(res.json().id).toBe(winnerId);
      } else {
        expect(res.statusCode, summary.join(' ')).toBe(422);
        expect(res.json().error.code).toBe('idempotency_key_reused');
      }
    }
    const rows = await server.runtime.services.db.kysely.selectFrom('inbox').select('id').where('dedupe_key', '=', `idem:${idempotencyKey}`).execute();
    expect(rows).toEqual([{ id: winnerId }]);
  }

  it('in a race of 25 + 25 requests with two bodies under one new key, answers the winning body as duplicates and the other 422', async () => {
    for (const seed of [1, 2, 3]) await raceOneKey(`race-new-${seed}`, seed);
  });

  it('in a race of 25 + 25 requests under a key already stored, answers the stored body as duplicates and the other 422', async () => {
    for (const seed of [4, 5, 6]) await raceOneKey(`race-stored-x-${seed}`, seed, 'x');
    for (const seed of [7, 8, 9]) await raceOneKey(`race-stored-y-${seed}`, seed, 'y');
  });

  it('in a race over a real port, answers the stored body as duplicates and the other 422', async () => {
    const base = await server.listen();
    const post = (body: object) =>
      fetch(`${base}/api/v1/client/events`, { method: 'POST', headers: { authorization: bearer(key), 'content-type': 'application/json' }, body: JSON.stringify(body) });
    const x = { uid: 'port-racer', type: 'purchase', amount: 1, idempotency_key: 'race-port' };
    const y = { ...x, amount: 2 };
    const first = await (await post(x)).json();
    const plan = shuffled([...Array<object>(25).fill(x), ...Array<object>(25).fill(y)], 10);
    const answers = await Promise.all(plan.map(async (body) => ({ body, res: await post(body) })));
    for (const { body, res } of answers) {
      const answer = await res.json();
      if (body === x) expect(answer).toMatchObject({ id: first.id, duplicate: true });
      else expect(answer.error.code).toBe('idempotency_key_reused');
    }
  });
});

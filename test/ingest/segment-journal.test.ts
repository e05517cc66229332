import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { JournalExpansion } from '../../src/inbox/index.ts';
import { expandSegmentRequest } from '../../src/ingest/index.ts';
import type { InboxJournalRow } from '../../src/db/index.ts';
import { DIALECTS } from '../support/databases.ts';
import { basicAuth, bearer, startTestServer, type TestServer } from '../support/harness.ts';

function journalRow(route: string, body: unknown): InboxJournalRow {
  return {
    seq: 1,
    workspace_id: 'ws',
    api: 'segment',
    route,
    event_count: 1,
    received_at: 0,
    credential_id: null,
    client_ip: null,
    body: typeof body === 'string' ? body : JSON.stringify(body),
  };
}

describe('expandSegmentRequest', () => {
  it('keeps a single message as the client wrote it when nothing needs changing', () => {
    const text = '{ "type":"track", "event":"Kept", "userId":"u", "messageId":"m-1" }';
    expect(expandSegmentRequest(journalRow('track', text))).toEqual([{ dedupeKey: 'msg:m-1', payload: text, parsed: JSON.parse(text) }]);
  });

  it('gives a single message the type of its path, and no dedupe key without a messageId', () => {
    const [event] = expandSegmentRequest(journalRow('identify', { userId: 'u', traits: { plan: 'pro' } }));
    expect(event!.dedupeKey).toBeNull();
    expect(JSON.parse(event!.payload)).toEqual({ userId: 'u', traits: { plan: 'pro' }, type: 'identify' });
  });

  it("splits a batch, filling in the batch's sentAt, context and integrations under each message's own", () => {
    const events = expandSegmentRequest(
      journalRow('batch', {
        sentAt: '2026-01-01T00:00:01.000Z',
        context: { library: { name: 'lib' }, ip: '1.2.3.4' },
        integrations: { All: false },
        batch: [
          { type: 'track', event: 'A', userId: 'u', messageId: 'a', context: { ip: '5.6.7.8' } },
          { type: 'page', name: 'Home', anonymousId: 'x', sentAt: '2026-01-01T00:00:02.000Z', integrations: { Mixpanel: true } },
        ],
      }),
    );
    expect(events.map((event) => event.dedupeKey)).toEqual(['msg:a', null]);
    expect(JSON.parse(events[0]!.payload)).toEqual({
      type: 'track',
      event: 'A',
      userId: 'u',
      messageId: 'a',
      sentAt: '2026-01-01T00:00:01.000Z',
      context: { library: { name: 'lib' }, ip: '5.6.7.8' },
      integrations: { All: false },
    });
    expect(JSON.parse(events[1]!.payload)).toMatchObject({ sentAt: '2026-01-01T00:00:02.000Z', integrations: { All: false, Mixpanel: true } });
  });

  it('keeps each batch message as written when the batch adds nothing to it', () => {
    const message = '{"type":"track","event":"B","userId":"u","sentAt":"2026-01-01T00:00:00Z","messageId":"b"}';
    expect(expandSegmentRequest(journalRow('batch', `{"batch":[ ${message} ]}`))).toEqual([{ dedupeKey: 'msg:b', payload: message, parsed: JSON.parse(message) }]);
  });

  // The worker normalises the parsed copy instead of parsing the stored text again: they must agree.
  it.each([
    ['a single message kept as written', 'track', '{"type":"track","event":"A","userId":"u","properties":{"__proto__":{"x":1},"n":1.5}}'],
    ['a single message given its type and stripped of its write key', 'page', '{"writeKey":"wk","userId":"u","name":"Home"}'],
    [
      'a batch with defaults, a write key inside and messages needing a copy',
      'batch',
      '{"sentAt":"2026-01-01T00:00:01Z","context":{"ip":"1.2.3.4"},"integrations":{"All":false},"batch":[{"type":"track","event":"A","userId":"u"},{"type":"identify","userId":"u","writeKey":"wk","context":{"ip":"5.6.7.8"},"sentAt":"2026-01-01T00:00:02Z"}]}',
    ],
    ['a batch kept as written', 'batch', '{"batch":[{"type":"track","event":"A","userId":"u","sentAt":"2026-01-01T00:00:00Z"},{"type":"group","groupId":"g","userId":"u","sentAt":"2026-01-01T00:00:00Z"}]}'],
  ])('hands over each event parsed, equal to its stored text parsed: %s', (_, route, body) => {
    const events = expandSegmentRequest(journalRow(route, body));
    expect(events.length).toBeGreaterThan(0);
    for (const event of events) expect(event.parsed).toStrictEqual(JSON.parse(event.payload));
  });

  it('throws for a body it cannot read, so the request is kept as a failed row', () => {
    expect(() => expandSegmentRequest(journalRow('track', 'not json'))).toThrow();
    expect(() => expandSegmentRequest(journalRow('batch', { batch: 'nope' }))).toThrow(/not a Segment batch body/);
    expect(() => expandSegmentRequest(journalRow('batch', { batch: [7] }))).toThrow(/batch.0 is not an object/);
    expect(() => expandSegmentRequest(journalRow('scream', { userId: 'u' }))).toThrow();
  });
});

describe.each(DIALECTS)('Segment requests in the inbox journal (%s)', (dialect) => {
  let server: TestServer;

  // No workers: requests stay in the journal until the test moves them.
  beforeAll(async () => {
    server = await startTestServer(dialect, { runWorkers: false });
  });
  afterAll(() => server?.close());

  const incoming = async () => {
    const res = await server.inject({
      method: 'GET',
      url: `/api/v1/workspaces/${server.workspaceId}/events/incoming`,
      headers: { authorization: bearer(server.operatorToken) },
    });
    expect(res.statusCode).toBe(200);
    return res.json() as { data: Array<{ payload: Record<string, unknown> }>; pending: number };
  };

  it('counts accepted events as pending until a worker moves them into the inbox, and keeps no write key', async () => {
    const post = (url: string, payload: object, headers: Record<string, string> = {}) => server.inject({ method: 'POST', url, payload, headers });
    const auth = { authorization: basicAuth(server.writeKey) };
    expect((await post('/v1/track', { event: 'One', userId: 'u', messageId: 'j-1' }, auth)).statusCode).toBe(200);
    // The browser SDK's beacon puts the write key in the body, in a batch and in its messages.
    const beacon = {
      writeKey: server.writeKey,
      batch: [
        { type: 'track', event: 'Two', userId: 'u', messageId: 'j-2', writeKey: server.writeKey },
        { type: 'track', event: 'Three', userId: 'u', messageId: 'j-3' },
      ],
    };
    expect((await post('/v1/batch', beacon)).statusCode).toBe(200);
    expect((await post('/v1/t', { type: 'track', event: 'Four', userId: 'u', writeKey: server.writeKey }, { 'content-type': 'text/plain' })).statusCode).toBe(200);

    expect(await incoming()).toMatchObject({ data: [], pending: 4 });
    const db = server.runtime.services.db;
    const journal = await db.kysely.selectFrom('inbox_journal').select(['route', 'event_count', 'body']).orderBy('seq').execute();
    expect(journal.map((row) => [row.route, row.event_count])).toEqual([['track', 1], ['batch', 2], ['track', 1]]);
    for (const row of journal) expect(row.body).not.toContain(server.writeKey);

    await new JournalExpansion(db, { segment: expandSegmentRequest }).expand(1000);
    const after = await incoming();
    expect(after.pending).toBe(0);
    expect(after.data.map((row) => row.payload.event).sort()).toEqual(['Four', 'One', 'Three', 'Two']);
    expect(JSON.stringify(after.data)).not.toContain(server.writeKey);
  });
});

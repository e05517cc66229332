import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS } from '../support/databases.ts';
import { basicAuth, startTestServer, waitFor, type TestServer } from '../support/harness.ts';

/**
 * `@rudderstack/rudder-sdk-node` (3.x) speaks Segment's wire format to `/v1/batch`, with RudderStack's
 * names: it stamps each message with `originalTimestamp` (when the call was made) and `sentAt`
 * (when the batch left), never `timestamp`, and RudderStack corrects clock skew from those two.
 * The bodies below are what the SDK sends, captured from it.
 */
describe.each(DIALECTS)('RudderStack Node SDK messages on %s', (dialect) => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer(dialect);
  });
  afterAll(() => server?.close());

  it('takes the event time from originalTimestamp, corrected for clock skew with sentAt', async () => {
    // The device clock runs one hour fast; the call was made 30 s before the batch was sent.
    const sentAt = Date.now() + 3_600_000;
    const message = {
      userId: '42',
      event: 'Rudder Track',
      properties: { total: 9.5 },
      type: 'track',
      context: { library: { name: 'analytics-node', version: '3.0.13' } },
      channel: 'server',
      _metadata: { nodeVersion: '20.20.2' },
      originalTimestamp: new Date(sentAt - 30_000).toISOString(),
      messageId: '0ad954fa-09e7-453d-b51a-b9bba1d81aad',
      sentAt: new Date(sentAt).toISOString(),
    };
    const res = await server.inject({
      method: 'POST',
      url: '/v1/batch',
      headers: { authorization: basicAuth(server.writeKey), 'content-type': 'application/json', 'user-agent': 'analytics-node/3.0.13' },
      payload: { batch: [message], timestamp: new Date(sentAt).toISOString(), sentAt: new Date(sentAt).toISOString() },
    });
    expect(res.statusCode).toBe(200);
    const event = await waitFor(
      () => server.runtime.services.db.kysely.selectFrom('events').selectAll().where('name', '=', 'Rudder Track').executeTakeFirst(),
      'the Rudder event',
    );
    expect(event.received_at - event.timestamp).toBe(30_000);
    expect(event.original_timestamp).toBe(sentAt - 30_000);
  });

  /**
   * The SDK gzips every batch by default and posts the Buffer with axios, which labels it
   * `application/x-www-form-urlencoded`: refused with 415, the whole SDK dropped every event.
   */
  it('accepts the RudderStack Node SDK default request: gzipped JSON labelled application/x-www-form-urlencoded', async () => {
    const sentAt = new Date().toISOString();
    const body = {
      batch: [
        {
          userId: 'r-1',
          event: 'Rudder Gzip',
          type: 'track',
          context: { library: { name: 'analytics-node', version: '3.0.13' } },
          channel: 'server',
          originalTimestamp: sentAt,
          messageId: 'rudder-gzip-1',
          sentAt,
        },
      ],
      timestamp: sentAt,
      sentAt,
    };
    const res = await server.inject({
      method: 'POST',
      url: '/v1/batch',
      payload: gzipSync(Buffer.from(JSON.stringify(body))),
      headers: {
        authorization: basicAuth(server.writeKey),
        'content-type': 'application/x-www-form-urlencoded',
        'content-encoding': 'gzip',
        'user-agent': 'analytics-node/3.0.13',
      },
    });
    expect(res.statusCode).toBe(200);
    await waitFor(
      () => server.runtime.services.db.kysely.selectFrom('events').select('id').where('name', '=', 'Rudder Gzip').executeTakeFirst(),
      'the gzipped Rudder event',
    );
  });
});

import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS } from '../support/databases.ts';
import { basicAuth, startTestServer, waitFor, type TestServer } from '../support/harness.ts';

/**
 * Defects found in the ingest hot path (src/ingest/segment-routes.ts, src/http/json-body-parser.ts),
 * which is being rewritten, so they are recorded here instead of fixed. Each case is `it.fails`:
 * it passes while the defect is there and fails once it is fixed, which is the moment to turn
 * it into a plain `it`.
 */
describe.each(DIALECTS)('ingest defects found by the sweep on %s', (dialect) => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer(dialect);
  });
  afterAll(() => server?.close());

  /**
   * `@rudderstack/rudder-sdk-node` 3.x gzips every batch by default and posts the Buffer with axios,
   * which labels it `application/x-www-form-urlencoded`: the whole SDK answered 415 and dropped
   * every event. Segment's and RudderStack's own servers read the body as JSON whatever its
   * Content-Type. Proposed fix: in the Segment routes' scope, parse
   * `application/x-www-form-urlencoded` (and a missing Content-Type) with the JSON body parser.
   */
  it.fails('accepts the RudderStack Node SDK default request: gzipped JSON labelled application/x-www-form-urlencoded', async () => {
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
      () => server.runtime.context.db.kysely.selectFrom('events').select('id').where('name', '=', 'Rudder Gzip').executeTakeFirst(),
      'the gzipped Rudder event',
    );
  });
});

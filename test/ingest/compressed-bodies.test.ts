import { gzipSync, deflateSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { basicAuth, startTestServer, waitFor, type TestServer } from '../support/harness.ts';

// Compression is HTTP plumbing with no storage differences: one dialect is enough here.
describe('compressed request bodies', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer('sqlite');
  });
  afterAll(() => server?.close());

  const post = (payload: Buffer, encoding: string, url = '/v1/batch') =>
    server.inject({
      method: 'POST',
      url,
      payload,
      headers: { authorization: basicAuth(server.writeKey), 'content-type': 'application/json', 'content-encoding': encoding },
    });

  it('accepts gzip and deflate batches as Segment does', async () => {
    const body = (id: string) => Buffer.from(JSON.stringify({ batch: [{ type: 'track', event: 'Zipped', userId: 'u', messageId: id }] }));
    expect((await post(gzipSync(body('gz-1')), 'gzip')).statusCode).toBe(200);
    expect((await post(deflateSync(body('df-1')), 'deflate')).statusCode).toBe(200);
    await waitFor(async () => {
      const rows = await server.runtime.services.db.kysely.selectFrom('events').select('id').where('name', '=', 'Zipped').execute();
      return rows.length === 2 ? rows : undefined;
    }, 'two decompressed events');
  });

  it('counts the decompressed size against the limit: a zip bomb gets 413', async () => {
    const bomb = gzipSync(Buffer.from(`{"batch":[{"type":"track","event":"b","userId":"u","properties":{"pad":"${'0'.repeat(50_000_000)}"}}]}`));
    expect(bomb.length).toBeLessThan(100_000);
    const res = await post(bomb, 'gzip');
    expect(res.statusCode).toBe(413);
    expect(res.json().error.code).toBe('payload_too_large');
  });

  it('refuses a corrupt gzip body with 400 and an unknown encoding with 415', async () => {
    const corrupt = await post(Buffer.from('definitely not gzip'), 'gzip');
    expect(corrupt.statusCode).toBe(400);
    expect(corrupt.json().error.code).toBe('invalid_json');
    const br = await post(Buffer.from('{}'), 'br');
    expect(br.statusCode).toBe(415);
    expect(br.json().error.code).toBe('unsupported_media_type');
  });
});

import { readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { browserApi } from '../../src/ingest/segment-routes.ts';
import { DIALECTS } from '../support/databases.ts';
import { basicAuth, type TestServer, useTestServer } from '../support/harness.ts';

const umd = join(dirname(createRequire(import.meta.url).resolve('@segment/analytics-next/package.json')), 'dist', 'umd');

/**
 * What analytics-next needs from Tributary before and around its first event: the settings it
 * loads from `cdnURL`, and the CORS answers the browser demands. The browser test proves the SDK
 * works; these pin down the answers, so a regression names its cause.
 */
describe.each(DIALECTS)('browser SDK settings and CORS on %s', (dialect) => {
  const server = useTestServer(dialect);
  const proxied = useTestServer(dialect, { publicUrl: 'https://shop.example/tributary/' });

  const settings = (target: TestServer, headers: Record<string, string> = {}) =>
    target.inject({ method: 'GET', url: `/v1/projects/${target.writeKey}/settings`, headers });

  it('points the SDK at PUBLIC_URL with its path prefix, for a Tributary behind a proxy under a path', async () => {
    const res = await settings(proxied, { host: '10.0.0.7:8080' });
    expect(res.statusCode).toBe(200);
    expect(res.json().integrations['Segment.io']).toMatchObject({ apiKey: proxied.writeKey, apiHost: 'shop.example/tributary/v1', protocol: 'https' });
  });

  it('serves settings when the SDK\'s cdnURL ends in a slash, which makes it ask for //v1/projects/…', async () => {
    const res = await server.inject({ method: 'GET', url: `//v1/projects/${server.writeKey}/settings` });
    expect(res.statusCode).toBe(200);
    expect(res.json().integrations['Segment.io'].apiKey).toBe(server.writeKey);
  });

  it('serves settings to a page on another origin', async () => {
    const res = await settings(server, { origin: 'https://shop.example' });
    expect(res.statusCode).toBe(200);
    expect(res.headers['access-control-allow-origin']).toBe('https://shop.example');
  });

  it('allows a credentialed preflight with any header the site adds to SDK requests', async () => {
    const res = await server.inject({
      method: 'OPTIONS',
      url: '/v1/t',
      headers: {
        origin: 'https://shop.example',
        'access-control-request-method': 'POST',
        'access-control-request-headers': 'authorization,content-type,x-shop-region',
      },
    });
    expect(res.statusCode).toBe(204);
    expect(res.headers['access-control-allow-origin']).toBe('https://shop.example');
    expect(res.headers['access-control-allow-credentials']).toBe('true');
    expect(String(res.headers['access-control-allow-headers']).toLowerCase()).toContain('x-shop-region');
  });

  it('answers a credentialed event post with the headers the browser needs to accept it', async () => {
    const res = await server.inject({
      method: 'POST',
      url: '/v1/t',
      headers: { origin: 'https://shop.example', 'content-type': 'text/plain', authorization: basicAuth(server.writeKey) },
      payload: JSON.stringify({ type: 'track', event: 'Credentialed', anonymousId: 'anon-cors' }),
    });
    expect(res.statusCode).toBe(200);
    expect(res.headers['access-control-allow-origin']).toBe('https://shop.example');
    expect(res.headers['access-control-allow-credentials']).toBe('true');
  });

  it('serves the snippet\'s script and the SDK\'s on-demand chunks as published, and nothing else from that folder', async () => {
    const script = await server.inject({ method: 'GET', url: `/analytics.js/v1/${server.writeKey}/analytics.min.js` });
    expect(script.statusCode).toBe(200);
    expect(script.headers['content-type']).toContain('javascript');
    expect(script.body).toBe(readFileSync(join(umd, 'standalone.js'), 'utf8'));

    const chunkFile = readdirSync(umd).find((file) => file.startsWith('queryString.bundle.') && file.endsWith('.js'))!;
    const chunk = await server.inject({ method: 'GET', url: `/analytics-next/bundles/${chunkFile}` });
    expect(chunk.statusCode).toBe(200);
    expect(chunk.headers['cache-control']).toContain('immutable');
    expect(chunk.body).toBe(readFileSync(join(umd, chunkFile), 'utf8'));

    for (const url of ['/analytics-next/bundles/index.js', `/analytics-next/bundles/${chunkFile}.map`, '/analytics-next/bundles/..%2F..%2Fpackage.json']) {
      const res = await server.inject({ method: 'GET', url });
      expect(res.statusCode, url).toBe(404);
      expect(res.json().error.code, url).toBe('not_found');
    }
  });

  it('keeps the Segment API preflight policy off the admin API', async () => {
    const res = await server.inject({
      method: 'OPTIONS',
      url: `/api/v1/workspaces/${server.workspaceId}`,
      headers: { origin: 'https://evil.example', 'access-control-request-method': 'DELETE', 'access-control-request-headers': 'authorization' },
    });
    expect(res.headers['access-control-allow-origin']).toBeUndefined();
    expect(res.headers['access-control-allow-credentials']).toBeUndefined();
  });
});

describe('the browser API address from PUBLIC_URL', () => {
  it('keeps host, port and path, and drops trailing slashes', () => {
    expect(browserApi('http://127.0.0.1:8080')).toEqual({ apiHost: '127.0.0.1:8080/v1', protocol: 'http' });
    expect(browserApi('https://events.example.com/a/b//')).toEqual({ apiHost: 'events.example.com/a/b/v1', protocol: 'https' });
    expect(browserApi(undefined)).toBeUndefined();
  });

  it('refuses a PUBLIC_URL that is not an absolute http(s) URL', () => {
    expect(() => browserApi('events.example.com')).toThrow(/PUBLIC_URL/);
    expect(() => browserApi('ftp://events.example.com')).toThrow(/http or https/);
  });
});

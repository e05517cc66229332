import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CONSOLE_DIST, ensureConsoleBuild } from '../../scripts/build-console.ts';
import { DIALECTS } from '../support/databases.ts';
import { startTestServer, type TestServer } from '../support/harness.ts';

const HTML = { accept: 'text/html,application/xhtml+xml' };

describe.each(DIALECTS)('console served at / (%s)', (dialect) => {
  let server: TestServer;
  let script: string;

  beforeAll(async () => {
    await ensureConsoleBuild({ quiet: true });
    script = readdirSync(join(CONSOLE_DIST, 'assets')).find((name) => name.endsWith('.js'))!;
    server = await startTestServer(dialect);
  });
  afterAll(() => server?.close());

  it('serves index.html at / with a revalidating cache', async () => {
    const response = await server.inject({ method: 'GET', url: '/' });
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toContain('text/html');
    expect(response.headers['cache-control']).toBe('no-cache');
    expect(response.body).toContain('<div id="root">');
  });

  it('serves hashed assets with a year-long immutable cache', async () => {
    const response = await server.inject({ method: 'GET', url: `/assets/${script}` });
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toContain('text/javascript');
    expect(response.headers['cache-control']).toBe('public, max-age=31536000, immutable');
  });

  it('answers index.html for a console route a browser navigates to, so links can be shared', async () => {
    const response = await server.inject({ method: 'GET', url: '/w/some-workspace/events?status=failed', headers: HTML });
    expect(response.statusCode).toBe(200);
    expect(response.body).toContain('<div id="root">');
  });

  it('keeps the JSON route_not_found body for unknown API paths, even from a browser', async () => {
    for (const url of ['/api/v1/nothing-here', '/v1/nothing', '/siren/v1/nothing', '/api/v1/workspaces/x/nothing']) {
      const response = await server.inject({ method: 'GET', url, headers: HTML });
      expect(response.statusCode, url).toBe(404);
      expect(response.json(), url).toEqual({ error: { code: 'route_not_found', message: expect.stringContaining('No endpoint') } });
    }
  });

  it('answers JSON 404 to clients that do not ask for HTML and for missing assets', async () => {
    for (const [url, headers] of [['/some/page', { accept: 'application/json' }], ['/assets/missing-abc123.js', HTML]] as const) {
      const response = await server.inject({ method: 'GET', url, headers });
      expect(response.statusCode, url).toBe(404);
      expect(response.json().error.code, url).toBe('route_not_found');
    }
  });

  it('answers /favicon.ico with the console\'s SVG icon, not a 404', async () => {
    const response = await server.inject({ method: 'GET', url: '/favicon.ico', headers: { accept: 'image/avif,image/webp,image/*,*/*;q=0.8' } });
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toBe('image/svg+xml');
    expect(response.body).toContain('<svg');
  });

  it('never serves a file outside the build directory', async () => {
    for (const url of ['/%2e%2e/package.json', '/..%2fpackage.json', '/assets/%2e%2e/%2e%2e/package.json']) {
      const response = await server.inject({ method: 'GET', url });
      expect(response.body, url).not.toContain('"name": "tributary"');
    }
  });

  it('leaves other methods on unknown paths to the JSON not-found handler', async () => {
    const response = await server.inject({ method: 'POST', url: '/w/x/events', headers: { 'content-type': 'application/json' }, payload: '{}' });
    expect(response.statusCode).toBe(404);
    expect(response.json().error.code).toBe('route_not_found');
  });
});

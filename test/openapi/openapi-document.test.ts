import { describe, expect, it } from 'vitest';
import { DIALECTS } from '../support/databases.ts';
import { useTestServer } from '../support/harness.ts';
import { openApiPath, type OpenApiDocument, type Operation } from '../support/openapi-conformance.ts';

/**
 * Routes left out of the document on purpose, each with its reason. Anything else hidden, or
 * registered without a description, fails the coverage test below by name.
 */
const HIDDEN = new Map([
  ['GET /', 'the console: HTML for people, not an API'],
  ['GET /*', 'the console\'s files and its client-side routes'],
  ['GET /r/*', 'referral links past the router\'s parameter limit or with extra segments: answered as an unknown code, which GET /r/{code} documents'],
]);

describe.each(DIALECTS)('the OpenAPI description (%s)', (dialect) => {
  const server = useTestServer(dialect);

  async function document(): Promise<OpenApiDocument & { components: any; info: any; openapi: string }> {
    const res = await server.inject({ method: 'GET', url: '/openapi.json' });
    expect(res.statusCode).toBe(200);
    return res.json();
  }

  it('serves an OpenAPI 3.1 document with the auth schemes and the error body', async () => {
    const doc = await document();
    expect(doc.openapi).toBe('3.1.0');
    expect(Object.keys(doc.components.securitySchemes).sort()).toEqual(['apiKey', 'metricsToken', 'operatorToken', 'partnerSession', 'writeKeyBasic', 'writeKeyBearer']);
    expect(doc.components.schemas.ErrorBody.properties.error.properties.code.enum).toContain('validation_failed');
    expect(doc.info.description).toContain('| `validation_failed` | 400 |');
  });

  it('documents every registered route, with an operation id, a summary, tags, security and its answers', async () => {
    const doc = await document();
    const problems: string[] = [];
    for (const route of server.openapi.routes) {
      const name = `${route.method} ${route.url}`;
      // CORS preflights (@fastify/cors) are answered by the plugin, for browsers, not called by clients.
      if (HIDDEN.has(name) || route.method === 'OPTIONS') continue;
      const operation: Operation | undefined = doc.paths[openApiPath(route.url)]?.[route.method.toLowerCase()];
      if (!operation || route.hidden) {
        problems.push(`${name}: not in the document`);
        continue;
      }
      const missing = [
        !operation.operationId && 'operationId',
        !operation.summary && 'summary',
        !operation.tags?.length && 'tags',
        operation.security === undefined && 'security',
        !Object.keys(operation.responses ?? {}).some((status) => /^[23]\d\d$/.test(status) && operation.responses![status]!.description !== 'Default Response') &&
          'a documented 2xx answer',
        !operation.responses?.['4XX'] && 'the error answer',
      ].filter(Boolean);
      if (missing.length > 0) problems.push(`${name}: no ${missing.join(', ')} (describe it with describeRoute, see docs/api.md)`);
    }
    expect(problems).toEqual([]);
  });

  it('gives every operation its own operation id', async () => {
    const doc = await document();
    const ids = Object.values(doc.paths).flatMap((item) => Object.values(item).map((operation) => operation.operationId));
    expect(ids.filter((id, index) => ids.indexOf(id) !== index)).toEqual([]);
  });

  it('serves the API reference page and its renderer from this server, without a CDN', async () => {
    const page = await server.inject({ method: 'GET', url: '/reference' });
    expect(page.statusCode).toBe(200);
    expect(page.headers['content-type']).toContain('text/html');
    expect(page.body).toContain('spec-url="/openapi.json"');
    const scripts = [...page.body.matchAll(/src="([^"]+)"/g)].map((match) => match[1]!);
    expect(scripts).toEqual(['/reference/redoc.standalone.js']);
    const bundle = await server.inject({ method: 'GET', url: scripts[0]! });
    expect(bundle.statusCode).toBe(200);
    expect(bundle.headers['content-type']).toContain('text/javascript');
    expect(bundle.body.length).toBeGreaterThan(500_000);
  });
});

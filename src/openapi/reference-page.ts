import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { FastifyInstance } from 'fastify';
import { describeRoute, media, SECURITY } from './route-docs.ts';

/** Redoc's standalone bundle (React and all, 1.1 MB), served from node_modules: no CDN. */
const REDOC_BUNDLE = 'redoc/bundles/redoc.standalone.js';

const PAGE = `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Tributary API reference</title>
<style>body { margin: 0; }</style>
</head>
<body>
<redoc spec-url="/openapi.json" hide-download-button="false" path-in-middle-panel="true"></redoc>
<script src="/reference/redoc.standalone.js"></script>
</body>
</html>
`;

/**
 * The API reference: `/reference`, Redoc rendering `/openapi.json` in the browser. The bundle is
 * read once, here at registration, not at import time.
 */
export function registerReferencePage(app: FastifyInstance): void {
  const bundle = readFileSync(createRequire(import.meta.url).resolve(REDOC_BUNDLE));
  app.get(
    '/reference',
    describeRoute({
      operationId: 'getApiReference',
      summary: 'The API reference (HTML)',
      tags: ['Documentation'],
      security: SECURITY.public,
      response: { 200: media('The reference page, rendered in the browser from `/openapi.json`.', 'text/html') },
    }),
    async (_request, reply) => reply.header('content-type', 'text/html; charset=utf-8').header('cache-control', 'no-cache').send(PAGE),
  );
  app.get(
    '/reference/redoc.standalone.js',
    describeRoute({
      operationId: 'getApiReferenceScript',
      summary: 'The reference page\'s renderer (Redoc)',
      tags: ['Documentation'],
      security: SECURITY.public,
      response: { 200: media('Redoc\'s standalone bundle.', 'text/javascript') },
    }),
    async (_request, reply) =>
      reply.header('content-type', 'text/javascript; charset=utf-8').header('cache-control', 'public, max-age=3600').send(bundle),
  );
}

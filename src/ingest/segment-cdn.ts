import { readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { AppError } from '../errors/index.ts';
import { describeRoute, media, pathParams, SECURITY } from '../openapi/index.ts';

/** A chunk webpack split off analytics-next, e.g. `queryString.bundle.34b193ada8fe288d1bd1.js`. */
const CHUNK_FILE = /^[\w-]+\.bundle\.[0-9a-f]+\.js$/;

/** The files change only with the installed package, and chunk names carry their content hash. */
const SNIPPET_CACHE = 'public, max-age=300';
const CHUNK_CACHE = 'public, max-age=31536000, immutable';
const JAVASCRIPT = 'application/javascript; charset=utf-8';

interface SdkFiles {
  standalone: Buffer;
  chunks: Map<string, Buffer>;
}

/** The published browser build of `@segment/analytics-next`, read once from the installed package. */
function readSdkFiles(): SdkFiles {
  const require = createRequire(import.meta.url);
  const umd = join(dirname(require.resolve('@segment/analytics-next/package.json')), 'dist', 'umd');
  const chunks = new Map<string, Buffer>();
  for (const file of readdirSync(umd)) if (CHUNK_FILE.test(file)) chunks.set(file, readFileSync(join(umd, file)));
  return { standalone: readFileSync(join(umd, 'standalone.js')), chunks };
}

/**
 * The two paths of Segment's CDN that a page using the analytics.js snippet loads, so the snippet
 * works with Tributary's host in place of `cdn.segment.com`:
 *
 * - `/analytics.js/v1/{writeKey}/analytics.min.js`: the standalone build. It takes its CDN from
 *   that script URL (or `analytics._cdn`) and loads `/v1/projects/{writeKey}/settings` from it.
 * - `/analytics-next/bundles/{chunk}`: the code it loads on demand (`trackLink`, `ajs_` query
 *   parameters …) from the same CDN; without these, those features fail on the page.
 *
 * The script is the same for every write key, as on Segment's CDN (the snippet names the key), so
 * no lookup happens here; only known file names are served, from memory.
 */
export function registerSegmentCdnRoutes(app: FastifyInstance): void {
  const files = readSdkFiles();

  const common = { tags: ['Segment'], security: SECURITY.public } as const;
  const snippetDoc = describeRoute({
    ...common,
    operationId: 'getAnalyticsJs',
    summary: 'The analytics.js snippet\'s script',
    params: pathParams({ writeKey: 'The write key the snippet names (not checked here).' }),
    response: { 200: media('The standalone build of @segment/analytics-next.', 'text/javascript') },
  });
  app.get('/analytics.js/v1/:writeKey/analytics.min.js', snippetDoc, async (_request, reply) => {
    return reply.header('content-type', JAVASCRIPT).header('cache-control', SNIPPET_CACHE).send(files.standalone);
  });

  const chunkDoc = describeRoute({
    ...common,
    operationId: 'getAnalyticsJsChunk',
    summary: 'A chunk analytics.js loads on demand',
    params: pathParams({ file: 'The chunk\'s file name.' }),
    response: { 200: media('The chunk.', 'text/javascript') },
  });
  app.get<{ Params: { file: string } }>('/analytics-next/bundles/:file', chunkDoc, async (request, reply) => {
    const chunk = files.chunks.get(request.params.file);
    if (!chunk) throw AppError.notFound('Bundle');
    return reply.header('content-type', JAVASCRIPT).header('cache-control', CHUNK_CACHE).send(chunk);
  });
}

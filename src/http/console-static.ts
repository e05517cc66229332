import { existsSync, readFileSync, realpathSync, statSync } from 'node:fs';
import { extname, join, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { AppError } from '../errors/index.ts';

/** Where `scripts/build-console.ts` puts the built console. */
export const DEFAULT_CONSOLE_DIR = fileURLToPath(new URL('../../console/dist', import.meta.url));

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.json': 'application/json; charset=utf-8',
  '.woff2': 'font/woff2',
  '.txt': 'text/plain; charset=utf-8',
};

/**
 * Paths that belong to an API: an unknown one keeps answering the JSON `route_not_found` error, never
 * the console's HTML, so a client with a typo gets an error it can read.
 */
const API_PREFIXES = ['/api/', '/v1/', '/siren/', '/event/', '/partner/', '/analytics.js/', '/analytics-next/', '/healthz', '/readyz'];

/** Vite names built assets after their content hash, so they can be cached for a year. */
const IMMUTABLE = 'public, max-age=31536000, immutable';
/** index.html names the current hashes: it must be revalidated on every load. */
const REVALIDATE = 'no-cache';

function isApiPath(path: string): boolean {
  return API_PREFIXES.some((prefix) => path === prefix.replace(/\/$/, '') || path.startsWith(prefix));
}

/** The file under `root` that `path` names, or undefined (outside the root, missing, a directory). */
function resolveFile(root: string, path: string): string | undefined {
  let decoded: string;
  try {
    decoded = decodeURIComponent(path);
  } catch {
    return undefined;
  }
  if (decoded.includes('\0')) return undefined;
  const candidate = resolve(root, `.${decoded}`);
  if (candidate !== root && !candidate.startsWith(root + sep)) return undefined;
  if (!existsSync(candidate) || !statSync(candidate).isFile()) return undefined;
  // A symlink inside the build must not lead out of it either.
  const real = realpathSync(candidate);
  return real.startsWith(root + sep) ? real : undefined;
}

function sendFile(reply: FastifyReply, file: string, cacheControl: string): FastifyReply {
  return reply
    .header('content-type', TYPES[extname(file)] ?? 'application/octet-stream')
    .header('cache-control', cacheControl)
    .header('x-content-type-options', 'nosniff')
    .send(readFileSync(file));
}

/**
 * Serves the web console at `/`: built files as they are (hashed assets cached for a year), and
 * `index.html` for any other GET that a browser navigates to (the console's client-side routes),
 * so `/w/{id}/events?status=failed` can be bookmarked and shared. API paths and requests that do
 * not accept HTML keep the JSON 404.
 */
export function registerConsoleStatic(app: FastifyInstance, options: { root?: string } = {}): void {
  const configured = resolve(options.root ?? DEFAULT_CONSOLE_DIR);
  const handler = async (request: FastifyRequest, reply: FastifyReply) => {
    const path = request.url.split('?')[0] ?? '/';
    const notFound = () => new AppError('route_not_found', `No endpoint at ${request.method} ${path}.`);
    if (isApiPath(path) || !existsSync(configured)) throw notFound();
    const root = realpathSync(configured);
    // Browsers and bookmarks ask for /favicon.ico whatever the page links; the console's icon is an SVG.
    const file = path === '/' ? undefined : (resolveFile(root, path) ?? (path === '/favicon.ico' ? resolveFile(root, '/favicon.svg') : undefined));
    if (file) return sendFile(reply, file, path.startsWith('/assets/') ? IMMUTABLE : REVALIDATE);
    const index = join(root, 'index.html');
    // A missing asset is a 404, not the HTML page (a browser would try to run it as a script).
    const wantsHtml = (request.headers.accept ?? '').includes('text/html') || path === '/';
    if (!wantsHtml || path.startsWith('/assets/') || !existsSync(index)) throw notFound();
    return sendFile(reply, index, REVALIDATE);
  };
  // The console is for people, not an API: left out of /openapi.json on purpose.
  const hidden = { schema: { hide: true } };
  app.get('/', hidden, handler);
  app.get('/*', hidden, handler);
}

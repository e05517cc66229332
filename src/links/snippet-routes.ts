import { gzipSync } from 'node:zlib';
import type { FastifyInstance } from 'fastify';
import { assertWorkspaceExists } from '../auth/index.ts';
import type { Db } from '../db/index.ts';
import { readSettings } from '../attribution/index.ts';
import { describeRoute, json, media, pathParams, SECURITY } from '../openapi/index.ts';
import { trackingSettingsSchema } from './api-schemas.ts';
import { SNIPPET_SOURCE } from './snippet-source.ts';

/** What these routes use. */
interface Deps {
  readonly db: Db;
}

/** How long an opportunity lives when no program says otherwise (as attribution/flows/opportunities.ts). */
const DEFAULT_WINDOW_DAYS = 30;

/** The script is the same for every shop; shops' pages may cache it a few minutes, as Segment's CDN does. */
const SCRIPT_CACHE = 'public, max-age=300';
/** Settings change rarely; a minute keeps a switched-off workspace from being reported to for long. */
const SETTINGS_CACHE = 'public, max-age=60';

/** The link parameters of a workspace's active programs and the window its opportunities get. */
async function trackingOf(db: Db, workspaceId: string) {
  const settings = await readSettings(db.kysely, workspaceId);
  const programs = await db.kysely
    .selectFrom('attribution_programs')
    .select(['link_param', 'attribution_window_days'])
    .where('workspace_id', '=', workspaceId)
    .where('status', '=', 'active')
    .where('engagement_trigger', 'in', ['any', 'referral'])
    .orderBy('id')
    .execute();
  const params = [...new Set(programs.map((p) => p.link_param))];
  return {
    public_visits: settings.public_visits,
    params: params.length > 0 ? params : ['ref'],
    // The window a visit's opportunity gets (the longest of the programs it engages).
    window_days: programs.length > 0 ? Math.max(...programs.map((p) => p.attribution_window_days)) : DEFAULT_WINDOW_DAYS,
  };
}

/**
 * `GET /js/tributary.js`, the shop's snippet (snippet-source.ts), served from memory (gzipped when
 * the browser accepts it), and `GET /js/workspaces/{id}/tracking.json`, what it reads before a
 * visit: whether the workspace takes public visits, its link parameters and attribution window.
 * Both are public (nothing in them is secret) and readable from any origin without credentials.
 */
export function registerSnippetRoutes(app: FastifyInstance, deps: Deps): void {
  const plain = Buffer.from(SNIPPET_SOURCE);
  const gzipped = gzipSync(plain, { level: 9 });
  app.get(
    '/js/tributary.js',
    describeRoute({
      operationId: 'getTrackingSnippet',
      summary: 'The tracking snippet',
      description: "The script a shop's pages load to report visits from referral links; the same for every workspace (its `data-workspace` attribute names one). Gzipped when accepted; cacheable for 5 minutes; readable from any origin.",
      tags: ['Links'],
      security: SECURITY.public,
      response: { 200: media('The snippet.', 'application/javascript') },
    }),
    async (request, reply) => {
      reply
        .header('content-type', 'application/javascript; charset=utf-8')
        .header('cache-control', SCRIPT_CACHE)
        .header('access-control-allow-origin', '*')
        .header('vary', 'accept-encoding');
      if (/\bgzip\b/.test(request.headers['accept-encoding'] ?? '')) return reply.header('content-encoding', 'gzip').send(gzipped);
      return reply.send(plain);
    },
  );
  app.get<{ Params: { workspaceId: string } }>(
    '/js/workspaces/:workspaceId/tracking.json',
    describeRoute({
      operationId: 'getTrackingSettings',
      summary: "A workspace's tracking settings for the snippet",
      description: 'What the snippet reads before it reports a visit. Public (nothing in it is secret), cacheable for a minute, readable from any origin.',
      tags: ['Links'],
      security: SECURITY.public,
      params: pathParams({ workspaceId: 'The workspace id.' }),
      response: { 200: json('The tracking settings.', trackingSettingsSchema) },
    }),
    async (request, reply) => {
      reply.header('access-control-allow-origin', '*');
      await assertWorkspaceExists(deps.db, request.params.workspaceId);
      return reply.header('cache-control', SETTINGS_CACHE).send(await trackingOf(deps.db, request.params.workspaceId));
    },
  );
}

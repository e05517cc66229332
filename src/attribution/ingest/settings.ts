import type { FastifyInstance } from 'fastify';
import { describeRoute, json, SECURITY, workspaceParams } from '../../openapi/index.ts';
import type { Kysely } from 'kysely';
import { assertWorkspaceExists, requireWorkspaceAccess, type Authenticator } from '../../auth/index.ts';
import type { Database } from '../../db/index.ts';
import { AppError } from '../../errors/index.ts';
import { compileValidator } from '../../http/validate.ts';
import type { AuthDeps } from '../../auth/index.ts';

/** What these routes use: the database and the authenticator (the admin API's deps). */
type Deps = AuthDeps;

/** The `/event/{slug}` settings of a workspace. */
export interface AttributionSettings {
  /** Slugs callable without an API key (browser tracking): only `site-visited` may be public. */
  public_slugs: string[];
  /** Origins (`https://shop.example.com`) allowed to call public slugs; none by default. */
  allowed_origins: string[];
}

/** Slugs whose effect a stranger can only waste, never abuse: a visit creates a claim, not money. */
export const PUBLIC_CAPABLE_SLUGS = ['site-visited'];

export async function readSettings(db: Kysely<Database>, workspaceId: string): Promise<AttributionSettings> {
  const row = await db.selectFrom('attribution_settings').selectAll().where('workspace_id', '=', workspaceId).executeTakeFirst();
  if (!row) return { public_slugs: [], allowed_origins: [] };
  return { public_slugs: JSON.parse(row.public_slugs) as string[], allowed_origins: JSON.parse(row.allowed_origins) as string[] };
}

const settingsBody = {
  type: 'object',
  additionalProperties: false,
  required: ['public_slugs', 'allowed_origins'],
  properties: {
    public_slugs: { type: 'array', maxItems: 10, uniqueItems: true, items: { enum: PUBLIC_CAPABLE_SLUGS } },
    allowed_origins: { type: 'array', maxItems: 100, uniqueItems: true, items: { type: 'string', pattern: '^https?://[^/\\s?#]+$', maxLength: 300 } },
  },
};
const readInput = compileValidator<AttributionSettings>(settingsBody);

/** `GET|PUT /api/v1/workspaces/{id}/attribution-settings` (admin). */
export function registerSettingsRoutes(app: FastifyInstance, deps: Deps): void {
  const path = '/api/v1/workspaces/:id/attribution-settings';
  app.get<{ Params: { id: string } }>(path, describeRoute({
      operationId: 'getAttributionSettings',
      summary: 'Get the attribution settings',
      tags: ['Attribution'],
      security: SECURITY.workspace('admin'),
      params: workspaceParams(),
      response: { 200: json('The settings.', { type: 'object', required: ['public_slugs', 'allowed_origins'], properties: { public_slugs: { type: 'array', items: { type: 'string' } }, allowed_origins: { type: 'array', items: { type: 'string' } } } }) },
    }), async (request) => {
    await requireWorkspaceAccess(deps.auth, request, request.params.id, 'admin');
    await assertWorkspaceExists(deps.db, request.params.id);
    return readSettings(deps.db.kysely, request.params.id);
  });
  app.put<{ Params: { id: string } }>(path, describeRoute({
      operationId: 'setAttributionSettings',
      summary: 'Set the attribution settings',
      tags: ['Attribution'],
      security: SECURITY.workspace('admin'),
      params: workspaceParams(),
      description: 'Which slugs a browser may call without an API key, and from which origins.',
      body: settingsBody,
      response: { 200: json('The settings.', { type: 'object', required: ['public_slugs', 'allowed_origins'], properties: { public_slugs: { type: 'array', items: { type: 'string' } }, allowed_origins: { type: 'array', items: { type: 'string' } } } }) },
    }), async (request) => {
    await requireWorkspaceAccess(deps.auth, request, request.params.id, 'admin');
    await assertWorkspaceExists(deps.db, request.params.id);
    const input = readInput(request.body ?? {});
    const values = {
      public_slugs: JSON.stringify(input.public_slugs),
      allowed_origins: JSON.stringify(input.allowed_origins.map((origin) => origin.toLowerCase())),
      updated_at: Date.now(),
    };
    await deps.db.kysely
      .insertInto('attribution_settings')
      .values({ workspace_id: request.params.id, ...values })
      .onConflict((oc) => oc.column('workspace_id').doUpdateSet(values))
      .execute();
    return readSettings(deps.db.kysely, request.params.id);
  });
}

/** The operator passes every workspace guard; an id that does not exist is still a 404. */
export function forbiddenOrigin(origin: string | undefined): AppError {
  return new AppError('forbidden', origin ? `The origin ${origin} may not call this slug without an API key.` : 'This slug needs an API key.');
}

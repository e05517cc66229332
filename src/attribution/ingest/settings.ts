import type { FastifyInstance } from 'fastify';
import { describeRoute, json, SECURITY, workspaceParams } from '../../openapi/index.ts';
import type { Kysely } from 'kysely';
import { assertWorkspaceExists, requireWorkspaceAccess, type Authenticator } from '../../auth/index.ts';
import type { Database } from '../../db/index.ts';
import { AppError } from '../../errors/index.ts';
import { compileValidator } from '../../http/validate.ts';
import { landingUrlProblem, MAX_LANDING_URL_LENGTH } from '../../lib/landing-url.ts';
import type { AuthDeps } from '../../auth/index.ts';

/** What these routes use: the database and the authenticator (the admin API's deps). */
type Deps = AuthDeps;

/** The `/event/{slug}` settings of a workspace. */
export interface AttributionSettings {
  /** Slugs callable without an API key (browser tracking): only `site-visited` may be public. */
  public_slugs: string[];
  /**
   * Origins (`https://shop.example.com`) allowed to call public slugs; none by default. With
   * `public_visits` on, a non-empty list also limits the snippet's visits to these origins.
   */
  allowed_origins: string[];
  /** Where an unknown or expired referral link (`/r/{code}`) leads, without the code. */
  default_landing_url: string | null;
  /**
   * The tracking snippet (`/js/tributary.js`) may report `site-visited` without an API key, from
   * any origin (or only `allowed_origins` when that list is not empty). Off by default.
   */
  public_visits: boolean;
}

/** A PUT names the first two always (as before issue 17); a field it leaves out keeps its value. */
type SettingsInput = Pick<AttributionSettings, 'public_slugs' | 'allowed_origins'> & Partial<Pick<AttributionSettings, 'default_landing_url' | 'public_visits'>>;

/** Slugs whose effect a stranger can only waste, never abuse: a visit creates a claim, not money. */
export const PUBLIC_CAPABLE_SLUGS = ['site-visited'];

export async function readSettings(db: Kysely<Database>, workspaceId: string): Promise<AttributionSettings> {
  const row = await db.selectFrom('attribution_settings').selectAll().where('workspace_id', '=', workspaceId).executeTakeFirst();
  if (!row) return { public_slugs: [], allowed_origins: [], default_landing_url: null, public_visits: false };
  return {
    public_slugs: JSON.parse(row.public_slugs) as string[],
    allowed_origins: JSON.parse(row.allowed_origins) as string[],
    default_landing_url: row.default_landing_url,
    public_visits: row.public_visits === 1,
  };
}

const settingsBody = {
  type: 'object',
  additionalProperties: false,
  required: ['public_slugs', 'allowed_origins'],
  properties: {
    public_slugs: { type: 'array', maxItems: 10, uniqueItems: true, items: { enum: PUBLIC_CAPABLE_SLUGS } },
    allowed_origins: { type: 'array', maxItems: 100, uniqueItems: true, items: { type: 'string', pattern: '^https?://[^/\\s?#]+$', maxLength: 300 } },
    default_landing_url: { type: ['string', 'null'], minLength: 1, maxLength: MAX_LANDING_URL_LENGTH },
    public_visits: { type: 'boolean' },
  },
};
const readShape = compileValidator<SettingsInput>(settingsBody);

function readInput(body: unknown): SettingsInput {
  const input = readShape(body);
  const problem = typeof input.default_landing_url === 'string' ? landingUrlProblem(input.default_landing_url) : undefined;
  if (problem) throw AppError.validation([{ field: 'default_landing_url', message: problem }]);
  return input;
}

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
    const current = await readSettings(deps.db.kysely, request.params.id);
    const values = {
      public_slugs: JSON.stringify(input.public_slugs),
      allowed_origins: JSON.stringify(input.allowed_origins.map((origin) => origin.toLowerCase())),
      default_landing_url: input.default_landing_url === undefined ? current.default_landing_url : input.default_landing_url,
      public_visits: (input.public_visits ?? current.public_visits) ? 1 : 0,
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

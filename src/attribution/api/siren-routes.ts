import type { FastifyInstance, FastifyRequest } from 'fastify';
import { describeRoute, json, pathParams, type ResponseDoc, type RouteDoc } from '../../openapi/index.ts';
import {
  bearerToken,
  createApiKeyBody,
  createKeyFromRequest,
  hasScope,
  listApiKeys,
  revokeApiKey,
  toApiKeyResource,
  type ApiKeyResource,
} from '../../auth/index.ts';
import { AppError } from '../../errors/index.ts';
import { pathId } from './admin-scope.ts';
import { QueryReader, type Query } from './query-params.ts';
import { readSirenPage, sirenPageQuery } from './siren-records.ts';
import type { SirenCollection } from './siren-vocabulary.ts';
import type { AuthDeps } from '../../auth/index.ts';

/** What these routes use: the database and the authenticator (the admin API's deps). */
type Deps = AuthDeps;

export const SIREN_PREFIX = '/siren/v1';

/**
 * Siren's surface authenticates with `Authorization: Bearer <api key>` and the key names the
 * workspace. Ledger reads and key management need full access (`admin`, what a key created
 * without scopes gets); the operator token names no workspace, so it is refused here.
 */
export async function sirenWorkspace(deps: Deps, request: FastifyRequest): Promise<string> {
  const token = bearerToken(request);
  const unauthorized = (message: string) => new AppError('unauthorized', message, { headers: { 'www-authenticate': 'Bearer' } });
  if (!token) throw unauthorized('A valid API key is required.');
  const principal = await deps.auth.bearer(token);
  if (!principal) throw unauthorized('The API key is unknown, expired or revoked.');
  if (principal.kind !== 'api_key') throw new AppError('forbidden', 'This API needs an API key of the workspace (sk_live_…).');
  if (!hasScope(principal.scopes, 'admin')) throw new AppError('forbidden', 'This API key lacks the admin scope.');
  return principal.workspaceId;
}

/** An API key in Siren's words: camelCase only, never key material. */
function toSirenApiKey(key: ApiKeyResource) {
  const { id, keyPrefix, label, status, scopes, createdAt, expiresAt, lastUsedAt } = key;
  return { id, keyPrefix, label, status, scopes, createdAt, expiresAt, lastUsedAt };
}

/**
 * Authenticates every request of a `/siren/v1` plugin scope with `sirenWorkspace` and returns
 * how a route reads the workspace its key named.
 */
export function authenticateSirenScope(scope: FastifyInstance, deps: Deps): (request: FastifyRequest) => string {
  const workspaces = new WeakMap<FastifyRequest, string>();
  scope.addHook('onRequest', async (request) => {
    workspaces.set(request, await sirenWorkspace(deps, request));
  });
  return (request) => workspaces.get(request)!;
}

/** Siren's surface takes an API key with full access; the operator token names no workspace. */
const SIREN_SECURITY = [{ apiKey: ['admin'] }];

const sirenApiKeySchema = {
  type: 'object',
  required: ['id', 'keyPrefix', 'label', 'status', 'scopes'],
  properties: {
    id: { type: 'integer' },
    keyPrefix: { type: 'string' },
    label: { type: 'string' },
    status: { type: 'string' },
    scopes: { type: 'array', items: { type: 'string' } },
    createdAt: { type: ['string', 'null'] },
    expiresAt: { type: ['string', 'null'] },
    lastUsedAt: { type: ['string', 'null'] },
  },
};

const COLLECTIONS: readonly SirenCollection[] = ['conversions', 'transactions', 'obligations', 'payouts'];

/** Siren's reconciliation readers and API-key management, under `/siren/v1`. */
export function registerSirenRoutes(app: FastifyInstance, deps: Deps): void {
  app.register(
    async (scope) => {
      const workspaceOf = authenticateSirenScope(scope, deps);

      for (const collection of COLLECTIONS) {
        const doc = describeRoute({
          operationId: `listSiren${collection[0]!.toUpperCase()}${collection.slice(1)}`,
          summary: `Siren: list ${collection}`,
          description: 'Oldest first, `page` by `page`; a bare array as Siren\'s SDK reads it, the total in `x-siren-estimated-count`.',
          tags: ['Siren'],
          security: SIREN_SECURITY,
          querystring: sirenPageQuery(collection),
          response: { 200: json(`The ${collection}, in Siren's words.`, { type: 'array', items: { type: 'object', required: ['id', 'status'], properties: { id: { type: 'integer' }, status: { type: 'string' } } } }) },
        });
        scope.get(`/${collection}`, doc, async (request, reply) => {
          const reader = new QueryReader(request.query as Query);
          const { records, total } = await readSirenPage(deps.db, workspaceOf(request), collection, reader);
          // A bare array, as Siren's SDK reads it; the total travels in a header.
          return reply.header('x-siren-estimated-count', String(total)).send(records);
        });
      }

      const keyDoc = (operationId: string, summary: string, response: Record<number, ResponseDoc>, extra: Partial<RouteDoc> = {}) =>
        describeRoute({ operationId, summary, tags: ['Siren'], security: SIREN_SECURITY, response, ...extra });
      const listDoc = keyDoc('listSirenApiKeys', 'Siren: list API keys', { 200: json('The keys; never their secrets.', { type: 'array', items: sirenApiKeySchema }) });
      scope.get('/api-keys', listDoc, async (request) => (await listApiKeys(deps.db, workspaceOf(request))).map((row) => toSirenApiKey(toApiKeyResource(row))));

      const createDoc = keyDoc(
        'createSirenApiKey',
        'Siren: create an API key',
        { 201: json('The key with `rawKey`, its secret (shown once).', { ...sirenApiKeySchema, required: ['id', 'rawKey'], properties: { ...sirenApiKeySchema.properties, rawKey: { type: 'string' } } }) },
        { body: createApiKeyBody },
      );
      scope.post('/api-keys', createDoc, async (request, reply) => {
        const created = await createKeyFromRequest(deps, workspaceOf(request), request);
        return reply.status(201).send({ ...toSirenApiKey(created), rawKey: created.rawKey });
      });

      const revokeDoc = keyDoc('revokeSirenApiKey', 'Siren: revoke an API key', { 200: json('The revoked key.', sirenApiKeySchema) }, { params: pathParams({ keyId: 'The key id.' }) });
      scope.delete('/api-keys/:keyId', revokeDoc, async (request) => {
        const row = await revokeApiKey(deps.db, workspaceOf(request), pathId(request, 'keyId', 'API key'));
        deps.auth.forgetApiKey(row.id);
        return toSirenApiKey(toApiKeyResource(row));
      });
    },
    { prefix: SIREN_PREFIX },
  );
}

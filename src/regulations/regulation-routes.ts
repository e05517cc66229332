import type { FastifyInstance } from 'fastify';
import { assertWorkspaceExists, requireWorkspaceAccess, type Authenticator } from '../auth/index.ts';
import type { Db } from '../db/index.ts';
import { AppError, type FieldError } from '../errors/index.ts';
import { readPageQuery, toPage } from '../http/pagination.ts';
import { ajv, fieldErrors } from '../http/validate.ts';
import { createRegulation, deletes, getRegulation, listRegulations, toRegulationResource, type RegulationInput } from './regulation-store.ts';
import type { SuppressionCache } from './suppression-cache.ts';
import type { Clock } from '../lib/clock.ts';
import { REGULATION_STATUSES, type RegulationStatus } from './tables.ts';
import { describeRoute, json, SECURITY, workspaceParams } from '../openapi/index.ts';
import { createRegulationBody, listRegulationsQuery, MAX_SUBJECT_IDS, regulationPageSchema, regulationSchema } from './api-schemas.ts';

/** What these routes use; the capability's `index.ts` hands it over. */
interface Deps {
  readonly db: Db;
  readonly auth: Authenticator;
  readonly suppressions: SuppressionCache;
  /** Stamps regulations (lib/clock.ts). */
  readonly clock: Clock;
  /** A delete was recorded: start it without waiting for the runner's poll. */
  readonly onCreated: () => void;
}

export { MAX_SUBJECT_IDS };

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

const validateShape = ajv.compile(createRegulationBody);

/** Every field error at once, the emails' form included. */
function readInput(body: unknown): RegulationInput {
  const value = body ?? {};
  const errors: FieldError[] = validateShape(value) ? [] : fieldErrors(validateShape.errors);
  const input = value as Partial<RegulationInput>;
  if (input.subject_type === 'email' && Array.isArray(input.subject_ids) && input.subject_ids.length <= MAX_SUBJECT_IDS) {
    input.subject_ids.forEach((id, index) => {
      if (typeof id === 'string' && id !== '' && (id.length > 320 || !EMAIL.test(id))) {
        errors.push({ field: `subject_ids.${index}`, message: 'must be an email address' });
      }
    });
  }
  if (errors.length > 0) throw AppError.validation(errors);
  return input as RegulationInput;
}

/**
 * Privacy regulations on Segment's model (`POST /regulations` of its Public API): erase a person's
 * data, suppress their future events, or both, by user id, anonymous id or email. The operator or
 * an API key with the `admin` scope; another workspace's regulation is not found.
 */
export function registerRegulationRoutes(app: FastifyInstance, deps: Deps): void {
  const base = '/api/v1/workspaces/:id/regulations';

  app.post<{ Params: { id: string } }>(base, describeRoute({
    operationId: 'createRegulation',
    summary: 'Erase or suppress a person',
    description: 'A suppression is in force when this answers (201); a delete has only begun (202): read the regulation until it is `finished`.',
    tags: ['Privacy'],
    security: SECURITY.workspace('admin'),
    params: workspaceParams(),
    body: createRegulationBody,
    response: {
      201: json('The regulation (suppress, unsuppress): in force now.', regulationSchema),
      202: json('The regulation (delete, suppress_with_delete): the erasure has begun.', regulationSchema),
    },
  }), async (request, reply) => {
    const workspaceId = request.params.id;
    await requireWorkspaceAccess(deps.auth, request, workspaceId, 'admin');
    await assertWorkspaceExists(deps.db, workspaceId);
    const input = readInput(request.body);
    const row = await createRegulation(deps.db, workspaceId, input, deps.clock.now(), deps.suppressions.settleMs);
    deps.suppressions.invalidate(workspaceId);
    if (deletes(input.type)) deps.onCreated();
    // A suppression is in force when this answers (201); a delete has only begun (202).
    return reply.status(deletes(input.type) ? 202 : 201).send(toRegulationResource(row, { withSubjects: true }));
  });

  app.get<{ Params: { id: string } }>(base, describeRoute({
    operationId: 'listRegulations',
    summary: 'List regulations',
    tags: ['Privacy'],
    security: SECURITY.workspace('admin'),
    params: workspaceParams(),
    querystring: listRegulationsQuery,
    response: { 200: json('One page of regulations, newest first, without their subject ids.', regulationPageSchema) },
  }), async (request) => {
    const workspaceId = request.params.id;
    await requireWorkspaceAccess(deps.auth, request, workspaceId, 'admin');
    await assertWorkspaceExists(deps.db, workspaceId);
    const query = request.query as Record<string, unknown>;
    const page = readPageQuery(query);
    const status = query.status === undefined || query.status === '' ? undefined : query.status;
    if (status !== undefined && !(REGULATION_STATUSES as readonly unknown[]).includes(status)) {
      throw AppError.validation([{ field: 'status', message: `must be one of ${REGULATION_STATUSES.join(', ')}` }]);
    }
    const rows = await listRegulations(deps.db, workspaceId, { ...page, status: status as RegulationStatus | undefined });
    return toPage(rows, page.limit, (row) => toRegulationResource(row, { withSubjects: false }));
  });

  app.get<{ Params: { id: string; regulationId: string } }>(`${base}/:regulationId`, describeRoute({
    operationId: 'getRegulation',
    summary: 'Get a regulation',
    description: 'Its status and what the erasure has found and erased so far.',
    tags: ['Privacy'],
    security: SECURITY.workspace('admin'),
    params: workspaceParams({ regulationId: 'The regulation id.' }),
    response: { 200: json('The regulation, with its subject ids.', regulationSchema) },
  }), async (request) => {
    const workspaceId = request.params.id;
    await requireWorkspaceAccess(deps.auth, request, workspaceId, 'admin');
    const row = await getRegulation(deps.db, workspaceId, request.params.regulationId);
    if (!row) throw AppError.notFound('Regulation');
    return toRegulationResource(row, { withSubjects: true });
  });
}

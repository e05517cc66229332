import type { ValidateFunction } from 'ajv';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { assertWorkspaceExists, requireWorkspaceAccess, type Authenticator } from '../auth/index.ts';
import { AppError, type FieldError } from '../errors/index.ts';
import { readPageQuery, toPage } from '../http/pagination.ts';
import { ajv, fieldErrors } from '../http/validate.ts';
import { activate, returnedValue } from './activation.ts';
import type { EventTransformationRow, TransformationStatus } from './tables.ts';
import {
  deleteTransformation,
  getTransformation,
  insertTransformation,
  listTransformations,
  toTransformationResource,
  updateTransformation,
  type TransformationFields,
} from './transformation-store.ts';
import type { Db } from '../db/index.ts';
import { describeRoute, json, noContent, pageOf, pageQuery, SECURITY, workspaceParams } from '../openapi/index.ts';
import type { Transformer } from './transformer.ts';

/** What these routes use; the capability's `index.ts` hands it over. */
interface Deps {
  readonly db: Db;
  readonly auth: Authenticator;
  readonly transformer: Transformer;
}

/** Largest `source_code`, in UTF-8 bytes. */
export const MAX_SOURCE_BYTES = 64 * 1024;

const STATUSES: readonly TransformationStatus[] = ['draft', 'active', 'error'];

const eventObject = { type: 'object' };
const properties = {
  name: { type: 'string', minLength: 1, maxLength: 200 },
  description: { type: ['string', 'null'], maxLength: 2000 },
  source_code: { type: 'string', minLength: 1, description: `JavaScript defining \`transform(event)\`; at most ${MAX_SOURCE_BYTES} bytes.` },
  test_input: { ...eventObject, description: 'An event to run the code on before activating it.' },
  test_output: { anyOf: [{ type: 'null' }, eventObject, { type: 'array', items: eventObject }], description: 'What the code must return for `test_input` (null: dropped).' },
  // `error` is the server's verdict, never the client's.
  status: { enum: ['draft', 'active'] },
};
const createBody = {
  type: 'object',
  additionalProperties: false,
  required: ['name', 'source_code'],
  properties,
  examples: [
    {
      name: 'Drop test users',
      source_code: 'function transform(event) { return event.userId?.startsWith("test-") ? null : event; }',
      test_input: { type: 'track', userId: 'test-1', event: 'Viewed' },
      test_output: null,
    },
  ],
};
const updateBody = { type: 'object', additionalProperties: false, minProperties: 1, properties };
const testBody = {
  type: 'object',
  additionalProperties: false,
  required: ['input'],
  properties: { input: eventObject, source_code: { ...properties.source_code, description: 'Run this code instead of the saved one.' } },
};
const createShape = ajv.compile(createBody);
const updateShape = ajv.compile(updateBody);
const testShape = ajv.compile(testBody);

const timestamp = { type: ['string', 'null'], format: 'date-time' };
const transformationSchema = {
  type: 'object',
  required: ['id', 'workspace_id', 'name', 'source_code', 'status', 'error'],
  properties: {
    id: { type: 'string' },
    workspace_id: { type: 'string' },
    name: { type: 'string' },
    description: { type: ['string', 'null'] },
    source_code: { type: 'string' },
    test_input: { type: ['object', 'null'] },
    test_output: {},
    status: { type: 'string', enum: [...STATUSES] },
    error: { type: ['string', 'null'], description: 'Why the test run failed (status `error`).' },
    created_at: timestamp,
    updated_at: timestamp,
  },
};
const testAnswer = {
  type: 'object',
  required: ['output', 'logs', 'duration_ms'],
  properties: { output: {}, logs: { type: 'array' }, duration_ms: { type: 'number' }, error: {} },
};

interface TransformationInput {
  name?: string;
  description?: string | null;
  source_code?: string;
  test_input?: Record<string, unknown>;
  test_output?: unknown;
  status?: 'draft' | 'active';
}

/** Checks the source the sandbox cannot: presence of the name, and size. */
function sourceErrors(source: unknown, field = 'source_code'): FieldError[] {
  if (typeof source !== 'string') return [];
  if (Buffer.byteLength(source, 'utf8') > MAX_SOURCE_BYTES) return [{ field, message: `must be at most ${MAX_SOURCE_BYTES} bytes` }];
  if (!/\btransform\b/.test(source)) return [{ field, message: 'must define a function named transform' }];
  return [];
}

/** PostgreSQL text cannot hold NUL; refusing it keeps both databases storing the same thing. */
function nulErrors(value: unknown): FieldError[] {
  if (typeof value !== 'object' || value === null) return [];
  return ['name', 'description', 'source_code'].flatMap((field) => {
    const text = (value as Record<string, unknown>)[field];
    return typeof text === 'string' && text.includes('\u0000') ? [{ field, message: 'must not contain NUL characters' }] : [];
  });
}

function readBody<T>(body: unknown, shape: ValidateFunction): T {
  const value = body ?? {};
  const errors: FieldError[] = shape(value) ? [] : fieldErrors(shape.errors);
  errors.push(...nulErrors(value));
  errors.push(...sourceErrors((value as { source_code?: unknown }).source_code));
  if (errors.length > 0) throw AppError.validation(errors);
  return value as T;
}

/**
 * The saved fields and the status, from the previous row (on update) and the input. A draft is saved
 * as is; anything else runs `test_input` in the sandbox and compares the result with `test_output`.
 * An update that does not name a status keeps a draft a draft.
 */
async function decide(
  deps: Deps,
  input: TransformationInput,
  previous: EventTransformationRow | undefined,
): Promise<TransformationFields> {
  const fields = {
    name: input.name ?? previous?.name ?? '',
    description: input.description === undefined ? (previous?.description ?? '') : (input.description ?? ''),
    source_code: input.source_code ?? previous?.source_code ?? '',
    test_input: input.test_input === undefined ? (previous?.test_input ?? null) : JSON.stringify(input.test_input),
    test_output: input.test_output === undefined ? (previous?.test_output ?? null) : JSON.stringify(input.test_output),
  };
  const wantsDraft = input.status === 'draft' || (input.status === undefined && previous?.status === 'draft');
  if (wantsDraft) return { ...fields, status: 'draft', error: null };

  const missing: FieldError[] = [];
  if (fields.test_input === null) missing.push({ field: 'test_input', message: 'is required unless status is draft' });
  if (fields.test_output === null) missing.push({ field: 'test_output', message: 'is required unless status is draft (null means the event is dropped)' });
  if (missing.length > 0) throw AppError.validation(missing);
  const verdict = await activate(
    deps.transformer,
    fields.source_code,
    JSON.parse(fields.test_input!) as Record<string, unknown>,
    JSON.parse(fields.test_output!) as unknown,
  );
  return { ...fields, ...verdict };
}

function readListQuery(query: Record<string, unknown>) {
  const errors: FieldError[] = [];
  let page = { limit: 50, cursor: undefined as string | undefined };
  try {
    page = readPageQuery(query);
  } catch (error) {
    const fields = error instanceof AppError ? (error.data as { fields?: FieldError[] } | undefined)?.fields : undefined;
    if (!fields) throw error;
    errors.push(...fields);
  }
  const status = query.status === '' ? undefined : query.status;
  if (status !== undefined && !STATUSES.includes(status as TransformationStatus)) {
    errors.push({ field: 'status', message: 'must be draft, active or error' });
  }
  if (errors.length > 0) throw AppError.validation(errors);
  return { ...page, status: status as TransformationStatus | undefined };
}

type WsRequest = FastifyRequest<{ Params: { id: string } }>;
type TxRequest = FastifyRequest<{ Params: { id: string; txId: string } }>;

/**
 * Seed 003's transformation routes. Reading needs `events:read`; changing or test-running (which
 * spends sandbox time) needs `admin`.
 */
export function registerTransformationRoutes(app: FastifyInstance, deps: Deps): void {
  const base = '/api/v1/workspaces/:id/event-transformations';

  app.get(base, describeRoute({
      operationId: 'listTransformations',
      summary: 'List transformations',
      tags: ['Transformations'],
      security: SECURITY.workspace('events:read'),
      params: workspaceParams(),
      querystring: pageQuery(500, 50, { status: { type: 'string', enum: [...STATUSES] } }),
      response: { 200: json('A page of transformations.', pageOf(transformationSchema)) },
    }), async (request: WsRequest) => {
    await requireWorkspaceAccess(deps.auth, request, request.params.id, 'events:read');
    const query = readListQuery(request.query as Record<string, unknown>);
    await assertWorkspaceExists(deps.db, request.params.id);
    const rows = await listTransformations(deps.db, request.params.id, {
      limit: query.limit + 1,
      before: query.cursor,
      status: query.status,
    });
    return toPage(rows, query.limit, toTransformationResource);
  });

  app.post(base, describeRoute({
      operationId: 'createTransformation',
      summary: 'Create a transformation',
      tags: ['Transformations'],
      security: SECURITY.workspace('admin'),
      params: workspaceParams(),
      description: 'Unless `status` is `draft`, the code runs on `test_input` first and must return `test_output`.',
      body: createBody,
      response: { 201: json('The transformation.', transformationSchema) },
    }), async (request: WsRequest, reply) => {
    await requireWorkspaceAccess(deps.auth, request, request.params.id, 'admin');
    await assertWorkspaceExists(deps.db, request.params.id);
    const input = readBody<TransformationInput>(request.body, createShape);
    const fields = await decide(deps, input, undefined);
    const row = await insertTransformation(deps.db, request.params.id, fields);
    return reply.status(201).send(toTransformationResource(row));
  });

  app.get(`${base}/:txId`, describeRoute({
      operationId: 'getTransformation',
      summary: 'Get a transformation',
      tags: ['Transformations'],
      security: SECURITY.workspace('events:read'),
      params: workspaceParams({ txId: 'The transformation id.' }),
      response: { 200: json('The transformation.', transformationSchema) },
    }), async (request: TxRequest) => {
    await requireWorkspaceAccess(deps.auth, request, request.params.id, 'events:read');
    return toTransformationResource(await getTransformation(deps.db, request.params.id, request.params.txId));
  });

  app.put(`${base}/:txId`, describeRoute({
      operationId: 'updateTransformation',
      summary: 'Change a transformation',
      tags: ['Transformations'],
      security: SECURITY.workspace('admin'),
      params: workspaceParams({ txId: 'The transformation id.' }),
      body: updateBody,
      response: { 200: json('The transformation.', transformationSchema) },
    }), async (request: TxRequest) => {
    await requireWorkspaceAccess(deps.auth, request, request.params.id, 'admin');
    const input = readBody<TransformationInput>(request.body, updateShape);
    const previous = await getTransformation(deps.db, request.params.id, request.params.txId);
    const fields = await decide(deps, input, previous);
    return toTransformationResource(await updateTransformation(deps.db, previous, fields));
  });

  app.delete(`${base}/:txId`, describeRoute({
      operationId: 'deleteTransformation',
      summary: 'Delete a transformation',
      tags: ['Transformations'],
      security: SECURITY.workspace('admin'),
      params: workspaceParams({ txId: 'The transformation id.' }),
      response: { 204: noContent },
    }), async (request: TxRequest, reply) => {
    await requireWorkspaceAccess(deps.auth, request, request.params.id, 'admin');
    await deleteTransformation(deps.db, request.params.id, request.params.txId);
    return reply.status(204).send();
  });

  app.post(`${base}/:txId/test`, describeRoute({
      operationId: 'testTransformation',
      summary: 'Run a transformation on an event',
      tags: ['Transformations'],
      security: SECURITY.workspace('admin'),
      params: workspaceParams({ txId: 'The transformation id.' }),
      body: testBody,
      response: { 200: json('What the code returned, its logs and duration.', testAnswer) },
    }), async (request: TxRequest) => {
    await requireWorkspaceAccess(deps.auth, request, request.params.id, 'admin');
    const body = readBody<{ input: Record<string, unknown>; source_code?: string }>(request.body, testShape);
    const row = await getTransformation(deps.db, request.params.id, request.params.txId);
    const [outcome] = await deps.transformer.runMany(body.source_code ?? row.source_code, [body.input]);
    if (!outcome) throw new AppError('internal_error', 'The sandbox returned no result.');
    const durationMs = Math.round(outcome.durationMs * 1000) / 1000;
    if (!outcome.ok) return { output: null, logs: outcome.logs, duration_ms: durationMs, error: outcome.error };
    return { output: returnedValue(outcome), logs: outcome.logs, duration_ms: durationMs };
  });
}

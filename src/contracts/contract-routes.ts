import type { FastifyInstance, FastifyRequest } from 'fastify';
import { assertWorkspaceExists, requireWorkspaceAccess, type Authenticator } from '../auth/index.ts';
import { AppError, type FieldError } from '../errors/index.ts';
import { readPageQuery, toPage } from '../http/pagination.ts';
import type { ValidateFunction } from 'ajv';
import { ajv, fieldErrors } from '../http/validate.ts';
import { parseTime } from '../lib/time.ts';
import type { ContractCache } from './contract-cache.ts';
import {
  createContract,
  deleteContract,
  getContract,
  listContracts,
  toContractResource,
  updateContract,
  type ContractInput,
} from './contract-store.ts';
import { compileSchemaDefinition } from './schema-definition.ts';
import { CONTRACT_STATUSES } from './tables.ts';
import { describeRoute, json, pageOf, SECURITY, workspaceParams } from '../openapi/index.ts';
import { contractSchema, createContractBody, listContractsQuery, updateContractBody, violationSchema, violationsQuery } from './api-schemas.ts';
import { listViolations, toViolationResource } from './violations.ts';
import type { Db } from '../db/index.ts';

/** What these routes use; the capability's `index.ts` hands it over. */
interface Deps {
  readonly db: Db;
  readonly auth: Authenticator;
  /** Shared with the pipeline's contracts stage; a change here invalidates the workspace at once. */
  readonly contracts: ContractCache;
}

export { EVENT_TYPES } from './api-schemas.ts';

const createShape = ajv.compile(createContractBody);
const updateShape = ajv.compile(updateContractBody);

/**
 * Checks a body's shape and its schema_definition together, so one 400 lists every field error.
 * The schema is compiled here only to refuse a bad one; the pipeline compiles its own copy.
 */
function readInput(body: unknown, shape: ValidateFunction): Partial<ContractInput> {
  const errors: FieldError[] = [];
  const value = body ?? {};
  if (!shape(value)) errors.push(...fieldErrors(shape.errors));
  const input = value as Partial<ContractInput>;
  if (typeof input === 'object' && input !== null && typeof input.schema_definition === 'object' && input.schema_definition !== null) {
    try {
      compileSchemaDefinition(input.schema_definition);
    } catch (error) {
      const fields = error instanceof AppError ? (error.data as { fields?: FieldError[] } | undefined)?.fields : undefined;
      if (!fields) throw error;
      errors.push(...fields);
    }
  }
  if (errors.length > 0) throw AppError.validation(errors);
  const out = { ...input };
  // "" and "*" both mean: every event of the type, whatever its name.
  if (out.event_name === '' || out.event_name === '*') out.event_name = null;
  return out;
}

function readViolationQuery(query: Record<string, unknown>) {
  const errors: FieldError[] = [];
  const textParam = (name: string) => {
    const raw = query[name];
    if (raw === undefined || raw === '') return undefined;
    if (typeof raw !== 'string' || raw.length > 500) {
      errors.push({ field: name, message: 'must be one string of at most 500 characters' });
      return undefined;
    }
    return raw;
  };
  const timeParam = (name: string) => {
    const raw = query[name];
    if (raw === undefined || raw === '') return undefined;
    const ms = parseTime(raw);
    if (ms === undefined) errors.push({ field: name, message: 'must be an ISO-8601 date-time' });
    return ms;
  };
  const action = textParam('action');
  if (action !== undefined && action !== 'warn' && action !== 'block') errors.push({ field: 'action', message: 'must be warn or block' });
  const filter = {
    rule: textParam('rule'),
    eventId: textParam('event_id'),
    path: textParam('path'),
    action,
    from: timeParam('from'),
    to: timeParam('to'),
  };
  let page = { limit: 50, cursor: undefined as string | undefined };
  try {
    page = readPageQuery(query);
  } catch (error) {
    const fields = error instanceof AppError ? (error.data as { fields?: FieldError[] }).fields : undefined;
    if (!fields) throw error;
    errors.push(...fields);
  }
  if (errors.length > 0) throw AppError.validation(errors);
  return { ...filter, ...page };
}

type WsRequest = FastifyRequest<{ Params: { id: string } }>;
type ContractRequest = FastifyRequest<{ Params: { id: string; contractId: string } }>;

/** Seed 003's contract routes. Reading needs events:read; changing a contract needs admin. */
export function registerContractRoutes(app: FastifyInstance, deps: Deps): void {
  const base = '/api/v1/workspaces/:id/event-contracts';
  const cache = deps.contracts;

  app.get(base, describeRoute({
      operationId: 'listContracts',
      summary: 'List contracts',
      tags: ['Contracts'],
      security: SECURITY.workspace('events:read'),
      params: workspaceParams(),
      querystring: listContractsQuery,
      response: { 200: json('The contracts.', { type: 'array', items: contractSchema }) },
    }), async (request: WsRequest) => {
    await requireWorkspaceAccess(deps.auth, request, request.params.id, 'events:read');
    await assertWorkspaceExists(deps.db, request.params.id);
    const query = request.query as Record<string, unknown>;
    const status = query.status;
    if (status !== undefined && !(CONTRACT_STATUSES as readonly unknown[]).includes(status)) {
      throw AppError.validation([{ field: 'status', message: 'must be active or archived' }]);
    }
    const str = (v: unknown) => (typeof v === 'string' && v !== '' ? v : undefined);
    const rows = await listContracts(deps.db, request.params.id, {
      status: str(status),
      eventType: str(query.event_type),
      eventName: str(query.event_name),
    });
    return rows.map(toContractResource);
  });

  app.post(base, describeRoute({
      operationId: 'createContract',
      summary: 'Create a contract',
      tags: ['Contracts'],
      security: SECURITY.workspace('admin'),
      params: workspaceParams(),
      body: createContractBody,
      response: { 201: json('The contract.', contractSchema) },
    }), async (request: WsRequest, reply) => {
    await requireWorkspaceAccess(deps.auth, request, request.params.id, 'admin');
    await assertWorkspaceExists(deps.db, request.params.id);
    const input = readInput(request.body, createShape);
    const row = await createContract(deps.db, request.params.id, {
      name: input.name!,
      description: input.description ?? null,
      event_type: input.event_type!,
      event_name: input.event_name ?? null,
      schema_definition: input.schema_definition!,
      enforcement_mode: input.enforcement_mode ?? 'warn',
      undeclared_fields: input.undeclared_fields ?? 'allow',
      status: input.status ?? 'active',
    });
    cache.invalidate(request.params.id);
    return reply.status(201).send(toContractResource(row));
  });

  app.get(`${base}/:contractId`, describeRoute({
      operationId: 'getContract',
      summary: 'Get a contract',
      tags: ['Contracts'],
      security: SECURITY.workspace('events:read'),
      params: workspaceParams({ contractId: 'The contract id.' }),
      response: { 200: json('The contract.', contractSchema) },
    }), async (request: ContractRequest) => {
    await requireWorkspaceAccess(deps.auth, request, request.params.id, 'events:read');
    return toContractResource(await getContract(deps.db.kysely, request.params.id, request.params.contractId));
  });

  app.put(`${base}/:contractId`, describeRoute({
      operationId: 'updateContract',
      summary: 'Change a contract',
      tags: ['Contracts'],
      security: SECURITY.workspace('admin'),
      params: workspaceParams({ contractId: 'The contract id.' }),
      body: updateContractBody,
      response: { 200: json('The contract.', contractSchema) },
    }), async (request: ContractRequest) => {
    await requireWorkspaceAccess(deps.auth, request, request.params.id, 'admin');
    const input = readInput(request.body, updateShape);
    const row = await updateContract(deps.db, request.params.id, request.params.contractId, input);
    cache.invalidate(request.params.id);
    return toContractResource(row);
  });

  app.delete(`${base}/:contractId`, describeRoute({
      operationId: 'deleteContract',
      summary: 'Delete a contract',
      tags: ['Contracts'],
      security: SECURITY.workspace('admin'),
      params: workspaceParams({ contractId: 'The contract id.' }),
      response: { 200: json('The deleted contract.', contractSchema) },
    }), async (request: ContractRequest) => {
    await requireWorkspaceAccess(deps.auth, request, request.params.id, 'admin');
    const row = await deleteContract(deps.db, request.params.id, request.params.contractId);
    cache.invalidate(request.params.id);
    return toContractResource(row);
  });

  app.get(`${base}/:contractId/violations`, describeRoute({
      operationId: 'listContractViolations',
      summary: 'List a contract\'s violations',
      tags: ['Contracts'],
      security: SECURITY.workspace('events:read'),
      params: workspaceParams({ contractId: 'The contract id.' }),
      querystring: violationsQuery,
      response: { 200: json('A page of violations.', pageOf(violationSchema)) },
    }), async (request: ContractRequest) => {
    await requireWorkspaceAccess(deps.auth, request, request.params.id, 'events:read');
    const filter = readViolationQuery(request.query as Record<string, unknown>);
    await getContract(deps.db.kysely, request.params.id, request.params.contractId);
    const rows = await listViolations(deps.db, request.params.id, request.params.contractId, filter);
    return toPage(rows, filter.limit, toViolationResource);
  });
}

import type { FastifyInstance, FastifyRequest } from 'fastify';
import { describeRoute, json, noContent, pageOf, SECURITY, workspaceParams } from '../../openapi/index.ts';
import { assertWorkspaceExists, requireWorkspaceAccess, type Authenticator } from '../../auth/index.ts';
import { parseRowId, type Db } from '../../db/index.ts';
import { AppError, type FieldError } from '../../errors/index.ts';
import { ajv, fieldErrors } from '../../http/validate.ts';
import type { AttributionEngine } from '../engine.ts';
import type { EventBindingRow } from '../model/tables.ts';
import { checkMapping, type FieldMapping } from './mapping.ts';
import { BINDING_TEMPLATES } from './templates.ts';
import type { AuthDeps } from '../../auth/index.ts';

/** What these routes use: the database and the authenticator (the admin API's deps). */
type Deps = AuthDeps;

type Json = Record<string, unknown>;

const bindingBody = {
  type: 'object',
  additionalProperties: false,
  properties: {
    template: { enum: Object.keys(BINDING_TEMPLATES) },
    event_type: { enum: ['track', 'identify', 'page', 'screen', 'group', 'alias'] },
    event_name: { type: 'string', minLength: 1, maxLength: 200 },
    slug: { type: 'string', minLength: 1, maxLength: 63 },
    mapping: { type: 'object' },
    enabled: { type: 'boolean' },
  },
};
const validateInput = ajv.compile(bindingBody);

const bindingSchema = {
  type: 'object',
  required: ['id', 'event_type', 'event_name', 'slug', 'mapping', 'enabled'],
  properties: {
    id: { type: 'integer' },
    event_type: { type: 'string' },
    event_name: { type: 'string' },
    slug: { type: 'string' },
    mapping: { type: 'object' },
    template: { type: ['string', 'null'] },
    enabled: { type: 'boolean' },
    created_at: { type: 'string', format: 'date-time' },
    updated_at: { type: 'string', format: 'date-time' },
  },
};

function toResource(row: EventBindingRow) {
  return {
    id: row.id,
    event_type: row.event_type,
    event_name: row.event_name,
    slug: row.slug,
    mapping: JSON.parse(row.mapping) as FieldMapping,
    template: row.template,
    enabled: row.enabled === 1,
    created_at: new Date(row.created_at).toISOString(),
    updated_at: new Date(row.updated_at).toISOString(),
  };
}

/** The binding a create or update asks for, with a template's values under the fields given. */
function readBinding(engine: AttributionEngine, body: unknown, current?: EventBindingRow) {
  if (!validateInput(body)) throw AppError.validation(fieldErrors(validateInput.errors));
  const input = body as Json;
  const template = typeof input.template === 'string' ? BINDING_TEMPLATES[input.template] : undefined;
  const merged = {
    event_type: (input.event_type as string | undefined) ?? template?.eventType ?? current?.event_type,
    event_name: (input.event_name as string | undefined) ?? template?.eventName ?? current?.event_name,
    slug: (input.slug as string | undefined) ?? template?.slug ?? current?.slug,
    mapping: (input.mapping as FieldMapping | undefined) ?? template?.mapping ?? (current ? (JSON.parse(current.mapping) as FieldMapping) : undefined),
    template: (input.template as string | undefined) ?? current?.template ?? null,
    enabled: input.enabled === undefined ? (current?.enabled ?? 1) : input.enabled ? 1 : 0,
  };
  const errors: FieldError[] = [];
  for (const field of ['event_type', 'event_name', 'slug', 'mapping'] as const) {
    if (merged[field] === undefined) errors.push({ field, message: 'is required (or give a template)' });
  }
  if (merged.slug !== undefined && !engine.registry.getPublic(merged.slug)) errors.push({ field: 'slug', message: `must be a registered slug: ${engine.registry.slugs().join(', ')}` });
  if (merged.mapping !== undefined) errors.push(...checkMapping(merged.mapping));
  if (errors.length > 0) throw AppError.validation(errors);
  return { ...merged, mapping: JSON.stringify(merged.mapping) } as Omit<EventBindingRow, 'id' | 'workspace_id' | 'created_at' | 'updated_at'>;
}

function bindingId(request: FastifyRequest): number {
  const id = parseRowId((request.params as { bindingId: string }).bindingId);
  if (id === undefined) throw AppError.notFound('Event binding');
  return id;
}

/**
 * `…/event-bindings`: which canonical events (type + name) enter attribution as which slug, and
 * how their fields map to the slug's body. `GET …/event-bindings/templates` lists the built-in
 * Segment e-commerce templates; `{ "template": "segment-order-completed" }` creates one.
 */
export function registerBindingRoutes(app: FastifyInstance, deps: Deps, engine: AttributionEngine): void {
  const base = '/api/v1/workspaces/:id/event-bindings';
  const db = deps.db.kysely;
  const guard = async (request: FastifyRequest) => {
    const workspaceId = (request.params as { id: string }).id;
    await requireWorkspaceAccess(deps.auth, request, workspaceId, 'admin');
    await assertWorkspaceExists(deps.db, workspaceId);
    return workspaceId;
  };
  const load = async (workspaceId: string, id: number) => {
    const row = await db.selectFrom('event_bindings').selectAll().where('workspace_id', '=', workspaceId).where('id', '=', id).executeTakeFirst();
    if (!row) throw AppError.notFound('Event binding');
    return row;
  };
  const conflict = () => new AppError('conflict', 'The workspace already binds this event type and name.');
  const taken = async (workspaceId: string, type: string, name: string, except?: number) => {
    let query = db.selectFrom('event_bindings').select('id').where('workspace_id', '=', workspaceId).where('event_type', '=', type).where('event_name', '=', name);
    if (except !== undefined) query = query.where('id', '!=', except);
    return (await query.executeTakeFirst()) !== undefined;
  };

  app.get(`${base}/templates`, describeRoute({
      operationId: 'listBindingTemplates',
      summary: 'List the built-in binding templates',
      tags: ['Attribution'],
      security: SECURITY.workspace('admin'),
      params: workspaceParams(),
      response: { 200: json('Segment e-commerce templates.', { type: 'object', required: ['data'], properties: { data: { type: 'array', items: { type: 'object', required: ['name', 'event_type', 'event_name', 'slug', 'mapping'] } } } }) },
    }), async (request) => {
    await guard(request);
    return { data: Object.entries(BINDING_TEMPLATES).map(([name, t]) => ({ name, event_type: t.eventType, event_name: t.eventName, slug: t.slug, mapping: t.mapping })) };
  });
  app.get(base, describeRoute({
      operationId: 'listEventBindings',
      summary: 'List event bindings',
      tags: ['Attribution'],
      security: SECURITY.workspace('admin'),
      params: workspaceParams(),
      response: { 200: json('Every binding (one page).', pageOf(bindingSchema)) },
    }), async (request) => {
    const workspaceId = await guard(request);
    const rows = await db.selectFrom('event_bindings').selectAll().where('workspace_id', '=', workspaceId).orderBy('id').execute();
    return { data: rows.map(toResource), has_more: false, next_cursor: null };
  });
  app.post(base, describeRoute({
      operationId: 'createEventBinding',
      summary: 'Bind an event to a slug',
      tags: ['Attribution'],
      security: SECURITY.workspace('admin'),
      params: workspaceParams(),
      description: 'Canonical events of `event_type` + `event_name` enter attribution as `slug`, their fields mapped by `mapping`; or name a `template`.',
      body: bindingBody,
      response: { 201: json('The binding.', bindingSchema) },
    }), async (request, reply) => {
    const workspaceId = await guard(request);
    const binding = readBinding(engine, request.body ?? {});
    if (await taken(workspaceId, binding.event_type, binding.event_name)) throw conflict();
    const now = Date.now();
    const row = await db
      .insertInto('event_bindings')
      .values({ workspace_id: workspaceId, ...binding, created_at: now, updated_at: now })
      .onConflict((oc) => oc.columns(['workspace_id', 'event_type', 'event_name']).doNothing())
      .returningAll()
      .executeTakeFirst();
    if (!row) throw conflict();
    return reply.status(201).send(toResource(row));
  });
  app.get(`${base}/:bindingId`, describeRoute({
      operationId: 'getEventBinding',
      summary: 'Get an event binding',
      tags: ['Attribution'],
      security: SECURITY.workspace('admin'),
      params: workspaceParams({ bindingId: 'The binding id.' }),
      response: { 200: json('The binding.', bindingSchema) },
    }), async (request) => toResource(await load(await guard(request), bindingId(request))));
  app.patch(`${base}/:bindingId`, describeRoute({
      operationId: 'updateEventBinding',
      summary: 'Change an event binding',
      tags: ['Attribution'],
      security: SECURITY.workspace('admin'),
      params: workspaceParams({ bindingId: 'The binding id.' }),
      body: bindingBody,
      response: { 200: json('The binding.', bindingSchema) },
    }), async (request) => {
    const workspaceId = await guard(request);
    const current = await load(workspaceId, bindingId(request));
    const binding = readBinding(engine, request.body ?? {}, current);
    if (await taken(workspaceId, binding.event_type, binding.event_name, current.id)) throw conflict();
    const row = await db.updateTable('event_bindings').set({ ...binding, updated_at: Date.now() }).where('id', '=', current.id).returningAll().executeTakeFirstOrThrow();
    return toResource(row);
  });
  app.delete(`${base}/:bindingId`, describeRoute({
      operationId: 'deleteEventBinding',
      summary: 'Delete an event binding',
      tags: ['Attribution'],
      security: SECURITY.workspace('admin'),
      params: workspaceParams({ bindingId: 'The binding id.' }),
      response: { 204: noContent },
    }), async (request, reply) => {
    const workspaceId = await guard(request);
    const current = await load(workspaceId, bindingId(request));
    await db.deleteFrom('event_bindings').where('id', '=', current.id).execute();
    return reply.status(204).send();
  });
}

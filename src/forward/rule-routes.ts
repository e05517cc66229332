import type { FastifyInstance } from 'fastify';
import { assertWorkspaceExists, requireWorkspaceAccess, type Authenticator } from '../auth/index.ts';
import { compileValidator } from '../http/validate.ts';
import { createRule, deleteRule, getRule, listRules, toRuleResource, updateRule, type RuleInput } from './forwarding-rules.ts';
import type { Db } from '../db/index.ts';
import type { ForwardServices } from './forward-services.ts';

/** What these routes use; the capability's `index.ts` hands it over. */
interface Deps {
  readonly db: Db;
  readonly auth: Authenticator;
  readonly forward: ForwardServices;
}

const EVENT_TYPES = ['track', 'identify', 'page', 'screen', 'group', 'alias'];

const fields = {
  name: { type: 'string', minLength: 1, maxLength: 200 },
  destination_id: { type: 'string', minLength: 1, maxLength: 100 },
  event_types: { type: 'array', maxItems: EVENT_TYPES.length, uniqueItems: true, items: { enum: EVENT_TYPES } },
  event_names: { type: 'array', maxItems: 500, uniqueItems: true, items: { type: 'string', minLength: 1, maxLength: 200 } },
  transformation_id: { type: ['string', 'null'], minLength: 1, maxLength: 100 },
  enabled: { type: 'boolean' },
};

const readCreate = compileValidator<Partial<RuleInput> & { name: string; destination_id: string }>({
  type: 'object',
  required: ['name', 'destination_id'],
  additionalProperties: false,
  properties: fields,
});

const readUpdate = compileValidator<Partial<RuleInput>>({ type: 'object', additionalProperties: false, properties: fields });

/** Seed 003's forwarding rules: which events go to which destination, through which transformation. */
export function registerRuleRoutes(app: FastifyInstance, deps: Deps): void {
  const base = '/api/v1/workspaces/:id/event-forwarding-rules';
  const { rules } = deps.forward;

  app.get<{ Params: { id: string } }>(base, async (request) => {
    await requireWorkspaceAccess(deps.auth, request, request.params.id, 'admin');
    await assertWorkspaceExists(deps.db, request.params.id);
    return (await listRules(deps.db, request.params.id)).map(toRuleResource);
  });

  app.post<{ Params: { id: string } }>(base, async (request, reply) => {
    await requireWorkspaceAccess(deps.auth, request, request.params.id, 'admin');
    await assertWorkspaceExists(deps.db, request.params.id);
    const input = readCreate(request.body);
    const row = await createRule(deps.db, request.params.id, {
      name: input.name,
      destination_id: input.destination_id,
      event_types: input.event_types ?? [],
      event_names: input.event_names ?? [],
      transformation_id: input.transformation_id ?? null,
      enabled: input.enabled ?? true,
    });
    rules.invalidate(request.params.id);
    return reply.status(201).send(toRuleResource(row));
  });

  app.get<{ Params: { id: string; ruleId: string } }>(`${base}/:ruleId`, async (request) => {
    await requireWorkspaceAccess(deps.auth, request, request.params.id, 'admin');
    return toRuleResource(await getRule(deps.db, request.params.id, request.params.ruleId));
  });

  app.put<{ Params: { id: string; ruleId: string } }>(`${base}/:ruleId`, async (request) => {
    await requireWorkspaceAccess(deps.auth, request, request.params.id, 'admin');
    const input = readUpdate(request.body);
    const row = await updateRule(deps.db, request.params.id, request.params.ruleId, input);
    rules.invalidate(request.params.id);
    return toRuleResource(row);
  });

  app.delete<{ Params: { id: string; ruleId: string } }>(`${base}/:ruleId`, async (request, reply) => {
    await requireWorkspaceAccess(deps.auth, request, request.params.id, 'admin');
    await deleteRule(deps.db, request.params.id, request.params.ruleId);
    rules.invalidate(request.params.id);
    return reply.status(204).send();
  });
}

import type { FastifyInstance } from 'fastify';
import { assertWorkspaceExists, requireWorkspaceAccess, type Authenticator } from '../auth/index.ts';
import { compileValidator } from '../http/validate.ts';
import { describeRoute, json, noContent, SECURITY, workspaceParams } from '../openapi/index.ts';
import { createRuleBody, ruleSchema, updateRuleBody } from './api-schemas.ts';
import { createRule, deleteRule, getRule, listRules, toRuleResource, updateRule, type RuleInput } from './forwarding-rules.ts';
import type { Db } from '../db/index.ts';
import type { ForwardServices } from './forward-services.ts';

/** What these routes use; the capability's `index.ts` hands it over. */
interface Deps {
  readonly db: Db;
  readonly auth: Authenticator;
  readonly forward: ForwardServices;
}

const readCreate = compileValidator<Partial<RuleInput> & { name: string; destination_id: string }>(createRuleBody);
const readUpdate = compileValidator<Partial<RuleInput>>(updateRuleBody);

/** Seed 003's forwarding rules: which events go to which destination, through which transformation. */
export function registerRuleRoutes(app: FastifyInstance, deps: Deps): void {
  const base = '/api/v1/workspaces/:id/event-forwarding-rules';
  const { rules } = deps.forward;

  app.get<{ Params: { id: string } }>(base, describeRoute({
      operationId: 'listForwardingRules',
      summary: 'List forwarding rules',
      tags: ['Forwarding'],
      security: SECURITY.workspace('admin'),
      params: workspaceParams(),
      response: { 200: json('The rules.', { type: 'array', items: ruleSchema }) },
    }), async (request) => {
    await requireWorkspaceAccess(deps.auth, request, request.params.id, 'admin');
    await assertWorkspaceExists(deps.db, request.params.id);
    return (await listRules(deps.db, request.params.id)).map(toRuleResource);
  });

  app.post<{ Params: { id: string } }>(base, describeRoute({
      operationId: 'createForwardingRule',
      summary: 'Create a forwarding rule',
      tags: ['Forwarding'],
      security: SECURITY.workspace('admin'),
      params: workspaceParams(),
      body: createRuleBody,
      response: { 201: json('The rule.', ruleSchema) },
    }), async (request, reply) => {
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

  app.get<{ Params: { id: string; ruleId: string } }>(`${base}/:ruleId`, describeRoute({
      operationId: 'getForwardingRule',
      summary: 'Get a forwarding rule',
      tags: ['Forwarding'],
      security: SECURITY.workspace('admin'),
      params: workspaceParams({ ruleId: 'The rule id.' }),
      response: { 200: json('The rule.', ruleSchema) },
    }), async (request) => {
    await requireWorkspaceAccess(deps.auth, request, request.params.id, 'admin');
    return toRuleResource(await getRule(deps.db, request.params.id, request.params.ruleId));
  });

  app.put<{ Params: { id: string; ruleId: string } }>(`${base}/:ruleId`, describeRoute({
      operationId: 'updateForwardingRule',
      summary: 'Change a forwarding rule',
      tags: ['Forwarding'],
      security: SECURITY.workspace('admin'),
      params: workspaceParams({ ruleId: 'The rule id.' }),
      body: updateRuleBody,
      response: { 200: json('The rule.', ruleSchema) },
    }), async (request) => {
    await requireWorkspaceAccess(deps.auth, request, request.params.id, 'admin');
    const input = readUpdate(request.body);
    const row = await updateRule(deps.db, request.params.id, request.params.ruleId, input);
    rules.invalidate(request.params.id);
    return toRuleResource(row);
  });

  app.delete<{ Params: { id: string; ruleId: string } }>(`${base}/:ruleId`, describeRoute({
      operationId: 'deleteForwardingRule',
      summary: 'Delete a forwarding rule',
      tags: ['Forwarding'],
      security: SECURITY.workspace('admin'),
      params: workspaceParams({ ruleId: 'The rule id.' }),
      response: { 204: noContent },
    }), async (request, reply) => {
    await requireWorkspaceAccess(deps.auth, request, request.params.id, 'admin');
    await deleteRule(deps.db, request.params.id, request.params.ruleId);
    rules.invalidate(request.params.id);
    return reply.status(204).send();
  });
}

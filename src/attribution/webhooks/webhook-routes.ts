import type { FastifyInstance } from 'fastify';
import { describeRoute, json, pathParams } from '../../openapi/index.ts';
import { pathId } from '../api/admin-scope.ts';
import { authenticateSirenScope, SIREN_PREFIX } from '../api/index.ts';
import { readSubscriptionInput, subscriptionBody } from './subscription-input.ts';
import { createSubscription, deleteSubscription, listSubscriptions, type SubscriptionServices } from './subscriptions.ts';
import type { Authenticator } from '../../auth/index.ts';
import type { SubscriptionCache } from './subscription-cache.ts';

/** What these routes use; the capability's `index.ts` hands it over. */
interface Deps extends SubscriptionServices {
  readonly auth: Authenticator;
  /** Invalidated on every change, so the bus listeners see it at once. */
  readonly subscriptions: SubscriptionCache;
}

const SUBSCRIPTION = { type: 'object', required: ['id', 'targetUrl', 'events', 'status'], properties: { id: { type: 'integer' }, targetUrl: { type: 'string' }, events: { type: 'array', items: { type: 'string' } }, description: { type: ['string', 'null'] }, status: { type: 'string', enum: ['active', 'paused'] }, createdAt: { type: ['string', 'null'] } } };

/**
 * Siren's webhook subscriptions under `/siren/v1` (compat/SIREN.md): create (the signing secret
 * shown once), list (a bare array) and delete. Authenticated like Siren's other routes: a
 * full-access API key, which names the workspace.
 */
export function registerSirenWebhookRoutes(app: FastifyInstance, deps: Deps): void {
  app.register(
    async (scope) => {
      const workspaceOf = authenticateSirenScope(scope, deps);

      scope.get('/webhooks', describeRoute({
      operationId: 'listSirenWebhooks',
      summary: 'Siren: list webhook subscriptions',
      tags: ['Siren'],
      security: [{ apiKey: ['admin'] }],
      response: { 200: json('The subscriptions, oldest first (a bare array).', { type: 'array', items: SUBSCRIPTION }) },
    }), async (request) => listSubscriptions(deps, workspaceOf(request)));

      scope.post('/webhooks', describeRoute({
      operationId: 'createSirenWebhook',
      summary: 'Siren: subscribe a URL to events',
      tags: ['Siren'],
      security: [{ apiKey: ['admin'] }],
      body: subscriptionBody,
      response: { 201: json('The subscription with `signingSecret` (shown once).', { ...SUBSCRIPTION, required: [...SUBSCRIPTION.required, 'signingSecret'], properties: { ...SUBSCRIPTION.properties, signingSecret: { type: 'string' } } }) },
    }), async (request, reply) => {
        const workspaceId = workspaceOf(request);
        const { subscription, signingSecret } = await createSubscription(deps, workspaceId, readSubscriptionInput(request.body));
        deps.subscriptions.invalidate(workspaceId);
        return reply.status(201).send({ ...subscription, signingSecret });
      });

      scope.delete('/webhooks/:webhookId', describeRoute({
      operationId: 'deleteSirenWebhook',
      summary: 'Siren: delete a webhook subscription',
      tags: ['Siren'],
      security: [{ apiKey: ['admin'] }],
      params: pathParams({ webhookId: 'The subscription id.' }),
      response: { 200: json('The deleted subscription.', SUBSCRIPTION) },
    }), async (request) => {
        const workspaceId = workspaceOf(request);
        const deleted = await deleteSubscription(deps, workspaceId, pathId(request, 'webhookId', 'Webhook subscription'));
        deps.subscriptions.invalidate(workspaceId);
        return deleted;
      });
    },
    { prefix: SIREN_PREFIX },
  );
}

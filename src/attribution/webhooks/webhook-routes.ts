import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../../context.ts';
import { pathId } from '../api/admin-scope.ts';
import { authenticateSirenScope, SIREN_PREFIX } from '../api/index.ts';
import { readSubscriptionInput } from './subscription-input.ts';
import { createSubscription, deleteSubscription, listSubscriptions } from './subscriptions.ts';

/**
 * Siren's webhook subscriptions under `/siren/v1` (compat/SIREN.md): create (the signing secret
 * shown once), list (a bare array) and delete. Authenticated like Siren's other routes: a
 * full-access API key, which names the workspace.
 */
export function registerSirenWebhookRoutes(app: FastifyInstance, context: AppContext): void {
  app.register(
    async (scope) => {
      const workspaceOf = authenticateSirenScope(scope, context);

      scope.get('/webhooks', async (request) => listSubscriptions(context, workspaceOf(request)));

      scope.post('/webhooks', async (request, reply) => {
        const workspaceId = workspaceOf(request);
        const { subscription, signingSecret } = await createSubscription(context, workspaceId, readSubscriptionInput(request.body));
        context.sirenWebhooks.subscriptions.invalidate(workspaceId);
        return reply.status(201).send({ ...subscription, signingSecret });
      });

      scope.delete('/webhooks/:webhookId', async (request) => {
        const workspaceId = workspaceOf(request);
        const deleted = await deleteSubscription(context, workspaceId, pathId(request, 'webhookId', 'Webhook subscription'));
        context.sirenWebhooks.subscriptions.invalidate(workspaceId);
        return deleted;
      });
    },
    { prefix: SIREN_PREFIX },
  );
}

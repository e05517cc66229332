import type { FastifyInstance } from 'fastify';
import { pathId } from '../api/admin-scope.ts';
import { authenticateSirenScope, SIREN_PREFIX } from '../api/index.ts';
import { readSubscriptionInput } from './subscription-input.ts';
import { createSubscription, deleteSubscription, listSubscriptions, type SubscriptionServices } from './subscriptions.ts';
import type { Authenticator } from '../../auth/index.ts';
import type { SubscriptionCache } from './subscription-cache.ts';

/** What these routes use; the capability's `index.ts` hands it over. */
interface Deps extends SubscriptionServices {
  readonly auth: Authenticator;
  /** Invalidated on every change, so the bus listeners see it at once. */
  readonly subscriptions: SubscriptionCache;
}

/**
 * Siren's webhook subscriptions under `/siren/v1` (compat/SIREN.md): create (the signing secret
 * shown once), list (a bare array) and delete. Authenticated like Siren's other routes: a
 * full-access API key, which names the workspace.
 */
export function registerSirenWebhookRoutes(app: FastifyInstance, deps: Deps): void {
  app.register(
    async (scope) => {
      const workspaceOf = authenticateSirenScope(scope, deps);

      scope.get('/webhooks', async (request) => listSubscriptions(deps, workspaceOf(request)));

      scope.post('/webhooks', async (request, reply) => {
        const workspaceId = workspaceOf(request);
        const { subscription, signingSecret } = await createSubscription(deps, workspaceId, readSubscriptionInput(request.body));
        deps.subscriptions.invalidate(workspaceId);
        return reply.status(201).send({ ...subscription, signingSecret });
      });

      scope.delete('/webhooks/:webhookId', async (request) => {
        const workspaceId = workspaceOf(request);
        const deleted = await deleteSubscription(deps, workspaceId, pathId(request, 'webhookId', 'Webhook subscription'));
        deps.subscriptions.invalidate(workspaceId);
        return deleted;
      });
    },
    { prefix: SIREN_PREFIX },
  );
}

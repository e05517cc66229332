import type { FastifyInstance } from 'fastify';
import type { FactoryRegistry } from '../attribution/index.ts';
import type { Authenticator } from '../auth/index.ts';
import type { Config } from '../config.ts';
import type { Db } from '../db/index.ts';
import type { SecretBox } from '../forward/index.ts';
import type { InboxWriter } from '../inbox/index.ts';
import { stripeEventFactory } from './stripe/stripe-event-factory.ts';
import { registerStripeSettingsRoutes } from './stripe/stripe-settings-routes.ts';
import { StripeSecrets } from './stripe/stripe-secrets.ts';
import { registerStripeWebhookRoute, type StripeWebhookOutcome } from './stripe/stripe-webhook-route.ts';
import './stripe/tables.ts';

export type { StripeWebhookOutcome } from './stripe/stripe-webhook-route.ts';
export { STRIPE_EVENT_SLUG } from './stripe/stripe-event-factory.ts';

/** What inbound integrations need: the inbox their verified events go to, and the secret box their secrets are sealed with. */
export interface IntegrationDeps {
  readonly db: Db;
  readonly auth: Authenticator;
  readonly config: Config;
  readonly inbox: InboxWriter;
  readonly secrets: SecretBox;
  /** Counts each Stripe webhook request by outcome (a metric). */
  readonly onStripeWebhook: (outcome: StripeWebhookOutcome) => void;
}

/** Adds the integrations' internal slugs (a stored Stripe event) to the attribution engine. */
export function registerIntegrationFactories(registry: FactoryRegistry): void {
  registry.addFactory(stripeEventFactory);
}

/** Stripe: the admin settings under `/api/v1/workspaces/{id}/integrations/stripe` and Stripe's webhook endpoint. */
export async function registerIntegrations(app: FastifyInstance, deps: IntegrationDeps): Promise<void> {
  const signingSecrets = new StripeSecrets(deps.db.kysely, deps.secrets, deps.config.credentialCacheMs);
  registerStripeSettingsRoutes(app, { ...deps, signingSecrets });
  await registerStripeWebhookRoute(app, { inbox: deps.inbox, signingSecrets, onWebhook: deps.onStripeWebhook });
}

import type { Db } from '../../db/index.ts';
import { AppError } from '../../errors/index.ts';
import { checkDestinationUrl, createDestination, deleteDestination, UrlRefused, type SecretBox } from '../../forward/index.ts';
import { isoOrNull } from '../../lib/time.ts';
import type { SubscriptionInput } from './subscription-input.ts';

/** A subscription as Siren's SDK reads it: integer id, camelCase, never the secret. */
export interface SirenSubscription {
  id: number;
  targetUrl: string;
  events: string[];
  description: string | null;
  status: 'active' | 'paused';
  createdAt: string | null;
}

/** What subscriptions need: the database, forwarding's secret box, and whether private targets are allowed. */
export interface SubscriptionServices {
  readonly db: Db;
  readonly secrets: SecretBox;
  readonly allowPrivateTargets: boolean;
}

/** The SSRF guard's verdict, as a 400 naming `targetUrl` (resolved names are checked again at connect time). */
async function checkTargetUrl(services: SubscriptionServices, url: string): Promise<void> {
  try {
    await checkDestinationUrl(url, services.allowPrivateTargets);
  } catch (error) {
    if (!(error instanceof UrlRefused)) throw error;
    throw new AppError('url_not_allowed', `The target URL ${error.message}.`, { data: { fields: [{ field: 'targetUrl', message: error.message }] } });
  }
}

/**
 * Creates a subscription and the forwarding destination that delivers it (Siren's signature
 * scheme, one event per request). The plain signing secret is returned here and never again; the
 * destination keeps it encrypted, as forwarding does for its own secrets.
 */
export async function createSubscription(services: SubscriptionServices, workspaceId: string, input: SubscriptionInput) {
  await checkTargetUrl(services, input.targetUrl);
  const { row: destination, signingSecret } = await createDestination(
    services.db,
    services.secrets,
    workspaceId,
    { name: `Siren webhook: ${input.description ?? input.targetUrl}`.slice(0, 200), url: input.targetUrl, headers: {}, batch_size: 1, rate_limit: null, enabled: true },
    { signatureScheme: 'siren' },
  );
  const now = destination.created_at;
  const { id } = await services.db.kysely
    .insertInto('siren_webhooks')
    .values({ workspace_id: workspaceId, destination_id: destination.id, events: JSON.stringify(input.events), description: input.description, created_at: now })
    .returning('id')
    .executeTakeFirstOrThrow();
  const subscription: SirenSubscription = {
    id,
    targetUrl: destination.url,
    events: input.events,
    description: input.description,
    status: 'active',
    createdAt: isoOrNull(now),
  };
  return { subscription, signingSecret };
}

function subscriptionsQuery(services: SubscriptionServices, workspaceId: string) {
  return services.db.kysely
    .selectFrom('siren_webhooks as w')
    .innerJoin('destinations as d', (join) => join.onRef('d.id', '=', 'w.destination_id').onRef('d.workspace_id', '=', 'w.workspace_id'))
    .select(['w.id', 'w.events', 'w.description', 'w.created_at', 'w.destination_id', 'd.url', 'd.enabled'])
    .where('w.workspace_id', '=', workspaceId)
    .where('d.workspace_id', '=', workspaceId);
}

function toSubscription(row: { id: number; events: string; description: string | null; created_at: number; url: string; enabled: number }): SirenSubscription {
  return {
    id: row.id,
    targetUrl: row.url,
    events: JSON.parse(row.events) as string[],
    description: row.description,
    // A destination is disabled only by a receiver's 410 Gone: the subscription is paused.
    status: row.enabled === 1 ? 'active' : 'paused',
    createdAt: isoOrNull(row.created_at),
  };
}

/** The workspace's subscriptions, oldest first. */
export async function listSubscriptions(services: SubscriptionServices, workspaceId: string): Promise<SirenSubscription[]> {
  return (await subscriptionsQuery(services, workspaceId).orderBy('w.id').execute()).map(toSubscription);
}

/**
 * Deletes a subscription with its destination, its queued deliveries and their history. Another
 * workspace's subscription is 404, like one that does not exist.
 */
export async function deleteSubscription(services: SubscriptionServices, workspaceId: string, id: number): Promise<SirenSubscription> {
  const row = await subscriptionsQuery(services, workspaceId).where('w.id', '=', id).executeTakeFirst();
  if (!row) throw AppError.notFound('Webhook subscription');
  // The subscription row goes first: once it is gone no flow queues for it, then forwarding drops the rest.
  await services.db.kysely.deleteFrom('siren_webhooks').where('workspace_id', '=', workspaceId).where('id', '=', id).execute();
  await deleteDestination(services.db, workspaceId, row.destination_id);
  return toSubscription(row);
}

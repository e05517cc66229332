import type { Kysely } from 'kysely';
import type { Database } from '../../db/index.ts';
import { AppError } from '../../errors/index.ts';
import type { SecretBox } from '../../forward/index.ts';
import { compileValidator } from '../../http/validate.ts';
import { isoOrNull } from '../../lib/time.ts';
import { stripeSettingsBody } from './api-schemas.ts';
import { HANDLED_EVENT_TYPES } from './stripe-event.ts';
import type { StripeIntegrationRow } from './tables.ts';

/** The Checkout metadata key read for the opportunity id when `client_reference_id` has none. */
export const DEFAULT_METADATA_KEY = 'tributary_oid';

/** What `PUT …/integrations/stripe` takes. */
export interface StripeSettingsInput {
  /** The endpoint's signing secret from Stripe's dashboard; required the first time, kept when omitted. */
  signing_secret?: string;
  metadata_key?: string;
  match_leads_by_email?: boolean;
}

export const readStripeSettingsInput = compileValidator<StripeSettingsInput>(stripeSettingsBody);

/** The path Stripe posts to, under the server's public base URL. */
export function webhookPath(workspaceId: string): string {
  return `/integrations/stripe/${encodeURIComponent(workspaceId)}/webhook`;
}

/** The integration as the API shows it: the secret never, only its last four characters. */
export function toStripeResource(workspaceId: string, row: StripeIntegrationRow | undefined, baseUrl: string) {
  return {
    workspace_id: workspaceId,
    configured: row !== undefined,
    webhook_url: `${baseUrl}${webhookPath(workspaceId)}`,
    signing_secret_hint: row ? `whsec_…${row.secret_last4}` : null,
    metadata_key: row?.metadata_key ?? DEFAULT_METADATA_KEY,
    match_leads_by_email: row ? row.match_leads_by_email === 1 : true,
    /** The event types to select when adding the endpoint in Stripe. */
    event_types: [...HANDLED_EVENT_TYPES],
    created_at: isoOrNull(row?.created_at ?? null),
    updated_at: isoOrNull(row?.updated_at ?? null),
  };
}

export function findStripeIntegration(db: Kysely<Database>, workspaceId: string): Promise<StripeIntegrationRow | undefined> {
  return db.selectFrom('stripe_integrations').selectAll().where('workspace_id', '=', workspaceId).executeTakeFirst();
}

/** Creates or updates the workspace's integration; the secret is sealed before it is stored. */
export async function saveStripeIntegration(db: Kysely<Database>, secrets: SecretBox, workspaceId: string, input: StripeSettingsInput, now: number): Promise<StripeIntegrationRow> {
  const existing = await findStripeIntegration(db, workspaceId);
  if (!existing && input.signing_secret === undefined) {
    throw AppError.validation([{ field: 'signing_secret', message: 'is required to connect Stripe (the endpoint\'s whsec_… signing secret)' }]);
  }
  const secret = input.signing_secret === undefined ? {} : { signing_secret: secrets.seal(input.signing_secret), secret_last4: input.signing_secret.slice(-4) };
  const options = {
    metadata_key: input.metadata_key ?? existing?.metadata_key ?? DEFAULT_METADATA_KEY,
    match_leads_by_email: input.match_leads_by_email === undefined ? (existing?.match_leads_by_email ?? 1) : input.match_leads_by_email ? 1 : 0,
  };
  if (existing) {
    await db.updateTable('stripe_integrations').set({ ...secret, ...options, updated_at: now }).where('workspace_id', '=', workspaceId).execute();
  } else {
    await db
      .insertInto('stripe_integrations')
      .values({ workspace_id: workspaceId, signing_secret: secret.signing_secret!, secret_last4: secret.secret_last4!, ...options, created_at: now, updated_at: now })
      // Two first PUTs at once: the later one's values stand, as if it came second.
      .onConflict((oc) => oc.column('workspace_id').doUpdateSet({ ...secret, ...options, updated_at: now }))
      .execute();
  }
  return (await findStripeIntegration(db, workspaceId))!;
}

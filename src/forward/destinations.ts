import type { Db } from '../db/index.ts';
import { AppError } from '../errors/index.ts';
import { newId } from '../lib/ids.ts';
import { isoOrNull } from '../lib/time.ts';
import { headerErrors, maskHeaders, mergeMaskedHeaders } from './destination-headers.ts';
import type { SecretBox } from './secret-box.ts';
import { maskConfig, openConfig, sealConfig, typeOf } from './destination-config.ts';
import type { DestinationTypeRegistry } from './destination-types/registry.ts';
import type { DestinationRow, SignatureScheme } from './tables.ts';
import { generateSigningSecret, signatureHeaders, sirenSignatureHeaders } from './webhook-signature.ts';

export interface DestinationInput {
  name: string;
  /** A webhook's URL; for other types their config's `url` (or '' when they have none). */
  url: string;
  headers: Record<string, string>;
  batch_size: number;
  rate_limit: number | null;
  enabled: boolean;
  /** A registered destination type; `webhook` when left out. */
  type?: string;
  /** A non-webhook type's config, validated; secret fields are sealed when stored. */
  config?: Record<string, unknown>;
}

/**
 * A destination as the API shows it: header and config secrets masked, the signing secret never.
 * A webhook keeps its top-level `url` and `headers` (its config shows the same, masked).
 */
export function toDestinationResource(row: DestinationRow, secrets: SecretBox, types: DestinationTypeRegistry) {
  const type = typeOf(row);
  const headers = maskHeaders(readHeaders(row, secrets));
  const config = type === 'webhook' ? { url: row.url, headers } : maskConfig(openConfig(row, types, secrets), types.secretFields(type));
  return {
    id: row.id,
    workspace_id: row.workspace_id,
    type,
    name: row.name,
    url: row.url,
    headers,
    config,
    batch_size: row.batch_size,
    rate_limit: row.rate_limit,
    enabled: row.enabled === 1,
    disabled_reason: row.disabled_reason,
    previous_secret_expires_at: row.previous_secret_expires_at !== null && row.previous_secret_expires_at > Date.now() ? isoOrNull(row.previous_secret_expires_at) : null,
    created_at: isoOrNull(row.created_at),
    updated_at: isoOrNull(row.updated_at),
  };
}

export function readHeaders(row: DestinationRow, secrets: SecretBox): Record<string, string> {
  return JSON.parse(secrets.unseal(row.headers)) as Record<string, string>;
}

/**
 * Creates a destination; the plain signing secret is returned here and never again. Other
 * modules that deliver through forwarding (Siren webhooks) pass their signature scheme.
 */
export async function createDestination(
  db: Db,
  secrets: SecretBox,
  workspaceId: string,
  input: DestinationInput,
  options: { signatureScheme?: SignatureScheme; secretFields?: readonly string[] } = {},
) {
  const now = Date.now();
  const signingSecret = generateSigningSecret();
  const row: DestinationRow = {
    id: newId(),
    workspace_id: workspaceId,
    name: input.name,
    url: input.url,
    headers: secrets.seal(JSON.stringify(input.headers)),
    signing_secret: secrets.seal(signingSecret),
    previous_signing_secret: null,
    previous_secret_expires_at: null,
    batch_size: input.batch_size,
    rate_limit: input.rate_limit,
    enabled: input.enabled ? 1 : 0,
    disabled_reason: null,
    created_at: now,
    updated_at: now,
    signature_scheme: options.signatureScheme ?? 'standard-webhooks',
    type: input.type ?? 'webhook',
    config: input.config === undefined ? '{}' : sealConfig(input.config, options.secretFields ?? [], secrets),
  };
  await db.kysely.insertInto('destinations').values(row).execute();
  return { row, signingSecret };
}

/** How long the old secret keeps signing after a rotation, so receivers can switch without a gap. */
export const SECRET_OVERLAP_MS = 24 * 3_600_000;

/**
 * Replaces the signing secret. Requests are signed with both the new and the old secret for
 * SECRET_OVERLAP_MS; the new plain secret is returned here only.
 */
export async function rotateSigningSecret(db: Db, secrets: SecretBox, workspaceId: string, id: string) {
  const current = await getDestination(db, workspaceId, id);
  const now = Date.now();
  const signingSecret = generateSigningSecret();
  const changes = {
    signing_secret: secrets.seal(signingSecret),
    previous_signing_secret: current.signing_secret,
    previous_secret_expires_at: now + SECRET_OVERLAP_MS,
    updated_at: now,
  };
  await db.kysely.updateTable('destinations').set(changes).where('workspace_id', '=', workspaceId).where('id', '=', id).execute();
  return { row: { ...current, ...changes }, signingSecret };
}

/** A destination's request material, decrypted once: what a delivery worker keeps per destination. */
export interface OpenedDestination {
  /** The user's extra request headers, in plain text. */
  readonly headers: Readonly<Record<string, string>>;
  /** The signature headers of one request, in the destination's scheme. */
  signatureHeaders(webhookId: string, body: string, now: number): Record<string, string>;
}

/**
 * Decrypts a destination's headers and signing secrets once, so a worker sending thousands of
 * requests per second does not run AES-GCM three times per request. Requests are signed with the
 * current secret, and with the previous one too while it overlaps (`now` decides, per request).
 * Siren's scheme has no rotation (its subscriptions are replaced, not rotated), so it signs with
 * the current secret.
 */
export function openDestination(row: DestinationRow, secrets: SecretBox): OpenedDestination {
  const headers = readHeaders(row, secrets);
  const current = secrets.unseal(row.signing_secret);
  const previous = row.previous_signing_secret === null ? null : secrets.unseal(row.previous_signing_secret);
  const previousUntil = row.previous_secret_expires_at ?? 0;
  return {
    headers,
    signatureHeaders(webhookId, body, now) {
      if (row.signature_scheme === 'siren') return sirenSignatureHeaders(current, body);
      const keys = previous !== null && previousUntil > now ? [current, previous] : [current];
      return signatureHeaders(keys, webhookId, Math.floor(now / 1000), body);
    },
  };
}

export async function listDestinations(db: Db, workspaceId: string): Promise<DestinationRow[]> {
  return db.kysely.selectFrom('destinations').selectAll().where('workspace_id', '=', workspaceId).orderBy('id').execute();
}

export async function getDestination(db: Db, workspaceId: string, id: string): Promise<DestinationRow> {
  const row = await db.kysely
    .selectFrom('destinations')
    .selectAll()
    .where('workspace_id', '=', workspaceId)
    .where('id', '=', id)
    .executeTakeFirst();
  if (!row) throw AppError.notFound('Destination');
  return row;
}

/** Applies the fields given; re-enabling clears the reason a receiver's 410 left. */
export async function updateDestination(
  db: Db,
  secrets: SecretBox,
  workspaceId: string,
  id: string,
  input: Partial<DestinationInput>,
  options: { secretFields?: readonly string[] } = {},
): Promise<DestinationRow> {
  const current = await getDestination(db, workspaceId, id);
  const changes: Partial<DestinationRow> = { updated_at: Date.now() };
  if (input.name !== undefined) changes.name = input.name;
  if (input.config !== undefined) changes.config = sealConfig(input.config, options.secretFields ?? [], secrets);
  if (input.url !== undefined) changes.url = input.url;
  if (input.headers !== undefined) {
    // Checked after the merge: a masked value sent back (`••••c123`) is not itself a header value.
    const headers = mergeMaskedHeaders(readHeaders(current, secrets), input.headers);
    const errors = headerErrors(headers);
    if (errors.length > 0) throw AppError.validation(errors);
    changes.headers = secrets.seal(JSON.stringify(headers));
  }
  if (input.batch_size !== undefined) changes.batch_size = input.batch_size;
  if (input.rate_limit !== undefined) changes.rate_limit = input.rate_limit;
  if (input.enabled !== undefined) {
    changes.enabled = input.enabled ? 1 : 0;
    if (input.enabled) changes.disabled_reason = null;
  }
  await db.kysely.updateTable('destinations').set(changes).where('workspace_id', '=', workspaceId).where('id', '=', id).execute();
  return { ...current, ...changes };
}

/**
 * Deletes a destination with its queued and past deliveries. Refused while a forwarding rule
 * still points at it, so deleting never silently stops a rule.
 */
export async function deleteDestination(db: Db, workspaceId: string, id: string): Promise<void> {
  await getDestination(db, workspaceId, id);
  await db.kysely.transaction().execute(async (trx) => {
    const rule = await trx
      .selectFrom('forwarding_rules')
      .select('id')
      .where('workspace_id', '=', workspaceId)
      .where('destination_id', '=', id)
      .executeTakeFirst();
    if (rule) throw new AppError('conflict', `Forwarding rule ${rule.id} still uses this destination; delete or repoint it first.`);
    const deliveries = trx.selectFrom('deliveries').select('id').where('workspace_id', '=', workspaceId).where('destination_id', '=', id);
    await trx.deleteFrom('delivery_attempts').where('delivery_id', 'in', deliveries).execute();
    await trx.deleteFrom('deliveries').where('workspace_id', '=', workspaceId).where('destination_id', '=', id).execute();
    await trx.deleteFrom('destinations').where('workspace_id', '=', workspaceId).where('id', '=', id).execute();
  });
}

import type { DestinationTypeRegistry } from './destination-types/registry.ts';
import type { SecretBox } from './secret-box.ts';
import type { DestinationRow } from './tables.ts';
import { maskSecret } from './secret-mask.ts';


/** The type of a stored destination; rows written before types are webhooks. */
export function typeOf(row: Pick<DestinationRow, 'type'>): string {
  return row.type ?? 'webhook';
}

/** A config as stored: JSON with each secret field's value sealed. */
export function sealConfig(config: Record<string, unknown>, secretFields: readonly string[], secrets: SecretBox): string {
  const stored = { ...config };
  for (const field of secretFields) {
    if (typeof stored[field] === 'string') stored[field] = secrets.seal(stored[field]);
  }
  return JSON.stringify(stored);
}

/**
 * A destination's config in plain text, for its type's client and nowhere else: a webhook's is
 * its url and headers columns, another type's the stored JSON with its secrets unsealed.
 */
export function openConfig(row: DestinationRow, types: DestinationTypeRegistry, secrets: SecretBox): Record<string, unknown> {
  const type = typeOf(row);
  if (type === 'webhook') return { url: row.url, headers: JSON.parse(secrets.unseal(row.headers)) as Record<string, string> };
  const config = JSON.parse(row.config ?? '{}') as Record<string, unknown>;
  for (const field of types.secretFields(type)) {
    if (typeof config[field] === 'string') config[field] = secrets.unseal(config[field]);
  }
  return config;
}

/** A config as the API shows it: secrets masked. */
export function maskConfig(config: Record<string, unknown>, secretFields: readonly string[]): Record<string, unknown> {
  const shown = { ...config };
  for (const field of secretFields) {
    if (typeof shown[field] === 'string') shown[field] = maskSecret(shown[field]);
  }
  return shown;
}

/**
 * The config an update means. A secret sent back exactly as it was shown masked keeps the stored
 * value, so a form can round-trip a destination without knowing its secrets; a secret left out
 * keeps the stored one too (a form need not resend it). Other fields are as sent: an update
 * replaces the config, so an optional field left out is cleared.
 */
export function mergeMaskedConfig(current: Record<string, unknown>, next: Record<string, unknown>, secretFields: readonly string[]): Record<string, unknown> {
  const merged = { ...next };
  for (const field of secretFields) {
    const stored = current[field];
    if (typeof stored !== 'string') continue;
    if (!(field in next) || next[field] === maskSecret(stored)) merged[field] = stored;
  }
  return merged;
}

import type { Kysely } from 'kysely';
import { CredentialCache } from '../../auth/index.ts';
import type { Database } from '../../db/index.ts';
import type { SecretBox } from '../../forward/index.ts';

/**
 * The workspaces' Stripe signing secrets, unsealed, for the webhook route. Every webhook needs its
 * workspace's secret, and a read on SQLite's one connection waits behind the worker's batch
 * transaction (measured: a webhook took ~15 ms while the worker ran Stripe flows), so secrets are
 * cached for `ttlMs` (CREDENTIAL_CACHE_MS, as API keys are). A change through this process's API
 * invalidates at once; another process sees it within `ttlMs`. An unknown workspace is not cached,
 * so an integration created elsewhere works on its first webhook.
 */
export class StripeSecrets {
  private readonly cache: CredentialCache<string>;

  constructor(
    private readonly db: Kysely<Database>,
    private readonly box: SecretBox,
    ttlMs: number,
  ) {
    this.cache = new CredentialCache<string>(ttlMs);
  }

  /** The plain `whsec_…` secret of the workspace's integration, or undefined when it has none. */
  async of(workspaceId: string): Promise<string | undefined> {
    const cached = this.cache.get(workspaceId);
    if (cached !== undefined) return cached;
    const row = await this.db.selectFrom('stripe_integrations').select('signing_secret').where('workspace_id', '=', workspaceId).executeTakeFirst();
    if (!row) return undefined;
    const secret = this.box.unseal(row.signing_secret);
    this.cache.set(workspaceId, secret);
    return secret;
  }

  /** After a PUT or DELETE: the next webhook reads the database again. */
  invalidate(workspaceId: string): void {
    this.cache.delete(workspaceId);
  }
}

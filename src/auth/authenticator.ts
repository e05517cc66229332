import type { Config } from '../config.ts';
import type { Db } from '../db/index.ts';
import { constantTimeEqual, hashSecret } from '../lib/secrets.ts';
import { parseScopes } from './api-keys.ts';
import { findActiveApiKeyByHash } from './api-keys.ts';
import { BasicUsernames } from './basic-usernames.ts';
import { CredentialCache } from './credential-cache.ts';
import type { KeyAdmission } from './key-admission.ts';
import { LastUsedTracker } from './last-used.ts';
import { OPERATOR_TOKEN_PREFIX, operatorTokenExists } from './operator-tokens.ts';
import type { Principal } from './principal.ts';
import { findActiveWriteKeyByHash } from './write-keys.ts';

type WriteKeyPrincipal = Extract<Principal, { kind: 'write_key' }>;
type ApiKeyPrincipal = Extract<Principal, { kind: 'api_key' }>;

/**
 * Turns raw credentials into principals. Keys are looked up in the database by their SHA-256, so
 * the raw key is never compared; the operator token from the environment is compared in constant
 * time.
 *
 * The caches in front are keyed by the raw credential: hashing it on every request cost more than
 * the rest of a Segment request's authentication. A Map lookup compares the candidate's seeded
 * string hash before any characters, so it gives an attacker no prefix-by-prefix timing signal,
 * and the raw keys it holds are in this process's memory for each request anyway.
 *
 * Every request a key makes passes through here once, so this is where a key's rate limit is
 * taken (`admission`): a key over its limit is refused whatever route it called.
 */
export class Authenticator {
  private readonly writeKeys: CredentialCache<WriteKeyPrincipal>;
  private readonly apiKeys: CredentialCache<ApiKeyPrincipal & { expiresAt: number | null }>;
  private readonly operators: CredentialCache<true>;
  readonly lastUsed: LastUsedTracker;
  private readonly basicUsernames = new BasicUsernames();

  constructor(
    private readonly db: Db,
    private readonly config: Config,
    private readonly admission?: KeyAdmission,
  ) {
    this.writeKeys = new CredentialCache(config.credentialCacheMs);
    this.apiKeys = new CredentialCache(config.credentialCacheMs);
    this.operators = new CredentialCache(config.credentialCacheMs);
    this.lastUsed = new LastUsedTracker(db);
  }

  async writeKey(raw: string): Promise<WriteKeyPrincipal | undefined> {
    let principal = this.writeKeys.get(raw);
    if (!principal) {
      const row = await findActiveWriteKeyByHash(this.db, hashSecret(raw));
      if (!row) return undefined;
      principal = { kind: 'write_key', keyId: row.id, workspaceId: row.workspace_id };
      this.writeKeys.set(raw, principal);
    }
    const admitting = this.admission?.admit(principal);
    if (admitting) await admitting;
    this.lastUsed.touchWriteKey(principal.keyId);
    return principal;
  }

  async apiKey(raw: string): Promise<ApiKeyPrincipal | undefined> {
    let cached = this.apiKeys.get(raw);
    if (cached === undefined) {
      const row = await findActiveApiKeyByHash(this.db, hashSecret(raw));
      if (!row) return undefined;
      cached = {
        kind: 'api_key',
        keyId: row.id,
        workspaceId: row.workspace_id,
        scopes: new Set(parseScopes(row.scopes)),
        syncMode: row.sync_mode === 1,
        expiresAt: row.expires_at,
      };
      this.apiKeys.set(raw, cached);
    }
    if (cached.expiresAt !== null && cached.expiresAt <= Date.now()) return undefined;
    const admitting = this.admission?.admit(cached);
    if (admitting) await admitting;
    this.lastUsed.touchApiKey(cached.keyId);
    return cached;
  }

  async operator(raw: string): Promise<boolean> {
    if (this.config.adminToken !== undefined && constantTimeEqual(raw, this.config.adminToken)) return true;
    // Stored operator tokens all carry the prefix: an API key or write key (every /event and Siren
    // request) is not looked up in operator_tokens first, a query that could only miss.
    if (!raw.startsWith(OPERATOR_TOKEN_PREFIX)) return false;
    if (this.operators.get(raw)) return true;
    const found = await operatorTokenExists(this.db, hashSecret(raw));
    if (found) this.operators.set(raw, true);
    return found;
  }

  /** Any bearer credential: operator token, API key or write key. */
  async bearer(raw: string): Promise<Principal | undefined> {
    if (await this.operator(raw)) return { kind: 'operator' };
    return (await this.apiKey(raw)) ?? (await this.writeKey(raw));
  }

  /** The username of HTTP Basic auth (how Segment's SDKs send a write key), decoded once per header. */
  basicUsername(authorization: string | undefined): string | undefined {
    return this.basicUsernames.of(authorization);
  }

  forgetWriteKey(keyId: string): void {
    this.writeKeys.deleteWhere((p) => p.keyId === keyId);
  }

  forgetApiKey(keyId: number): void {
    this.apiKeys.deleteWhere((p) => p.keyId === keyId);
  }
}

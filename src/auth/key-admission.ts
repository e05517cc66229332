import type { Principal } from './principal.ts';

/** A principal authenticated by a key: a write key or an API key (the operator is never limited). */
export type KeyPrincipal = Exclude<Principal, { kind: 'operator' }>;

/**
 * What the authenticator asks, once per request, before it lets a key's request through: whether
 * the key may make one more (rate limits, rate-limits/key-rate-limiter.ts). It throws the answer
 * (429 `rate_limited`) when not; it answers a promise only when it must read something first.
 */
export interface KeyAdmission {
  admit(principal: KeyPrincipal): void | Promise<void>;
}

import { createHash, createHmac, hkdfSync } from 'node:crypto';
import { isIP } from 'node:net';
import { refusalForAddress } from '../../forward/index.ts';
import { ipv6Groups } from '../../lib/ipv6.ts';

/**
 * Keyed hashes of client addresses, for the self-referral rule (partners/fraud-screen.ts): the
 * buyer's address is compared with the addresses the collaborator signed in from, and only these
 * hashes are stored, never an address. HMAC-SHA256 under a key derived (HKDF, its own label) from
 * the server's key material (`FORWARD_SECRET_KEY`, or the random key in `meta`): without that key a
 * stored hash cannot be tested against guessed addresses. Unlike the link clicks' daily salt
 * (links/address-hasher.ts), the key does not change, since a sale may come weeks after a sign-in.
 *
 * Only public addresses are hashed. A loopback, private, link-local or CGNAT address names a
 * proxy or a network in front of many people, not a person: behind a reverse proxy every request
 * has the proxy's address (`trustProxy` is off), and matching on it would flag every sale.
 */
export class IpHasher {
  private constructor(private readonly key: Buffer) {}

  /** A hasher keyed by HKDF-SHA256 of `material` (see forward/secret-box.ts serverKeyMaterial). */
  static fromMaterial(material: string): IpHasher {
    const salt = createHash('sha256').update('tributary').digest();
    return new IpHasher(Buffer.from(hkdfSync('sha256', material, salt, 'tributary client address hashes v1', 32)));
  }

  /** The hash of a public address (hex), or null for none, a non-address or a non-public one. */
  hash(address: string | null | undefined): string | null {
    const normal = address === null || address === undefined ? null : normalAddress(address);
    if (normal === null || refusalForAddress(normal, false) !== undefined) return null;
    return createHmac('sha256', this.key).update(normal).digest('hex');
  }
}

/**
 * One spelling per address, so the same client hashes the same however it was written: an
 * IPv4-mapped IPv6 address (`::ffff:1.2.3.4`, what a dual-stack socket reports) as its IPv4
 * address, IPv6 as eight lower-case hex groups without a zone; null when `address` is not an IP.
 */
export function normalAddress(address: string): string | null {
  const text = address.trim().replace(/%.*$/, '');
  const version = isIP(text);
  if (version === 4) return text;
  if (version !== 6) return null;
  const groups = ipv6Groups(text);
  if (groups.slice(0, 5).every((g) => g === 0) && groups[5] === 0xffff) {
    return [groups[6]! >> 8, groups[6]! & 0xff, groups[7]! >> 8, groups[7]! & 0xff].join('.');
  }
  return groups.map((g) => g.toString(16)).join(':');
}

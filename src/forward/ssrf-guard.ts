import { lookup as dnsLookup, type LookupAddress, type LookupOptions } from 'node:dns';
import { isIP } from 'node:net';
import { ipv6Groups } from '../lib/ipv6.ts';

/**
 * The SSRF guard: webhook URLs are typed by users, so without it a destination could make this
 * server call its own admin ports, the cloud metadata service or anything on the private network.
 *
 * Three checks, because each one alone has a hole:
 * - at create/update time, the URL (scheme, credentials, literal IPs, names that resolve privately);
 * - at connect time, every address DNS returns (a `lookup` hook), so a name that resolves publicly
 *   when saved and to 127.0.0.1 when sent (DNS rebinding) is still refused;
 * - on the connected socket's remote address, because Node skips `lookup` for IP literals.
 * Redirects are never followed (a 3xx is a failed attempt), so there is no second hop to check.
 */

/** Why an address or URL is refused. */
export class UrlRefused extends Error {
  override readonly name = 'UrlRefused';
  readonly code = 'ESSRF';
}

/** `always`: refused even for self-hosted setups that allow private targets. */
type Tier = 'always' | 'private';

interface Range {
  readonly label: string;
  readonly tier: Tier;
  /** Network address as 32 (IPv4) or 128 (IPv6) bits. */
  readonly base: bigint;
  readonly prefix: number;
}

function v4Bits(address: string): bigint {
  return address.split('.').reduce((acc, part) => (acc << 8n) | BigInt(Number(part)), 0n);
}

/** Any valid IPv6 text (with `::`, an embedded dotted quad, a zone id) as 128 bits. */
function v6Bits(address: string): bigint {
  return ipv6Groups(address).reduce((acc, group) => (acc << 16n) | BigInt(group), 0n);
}

const v4 = (cidr: string, label: string, tier: Tier): Range => {
  const [base, prefix] = cidr.split('/');
  return { label, tier, base: v4Bits(base!), prefix: Number(prefix) };
};
const v6 = (cidr: string, label: string, tier: Tier): Range => {
  const [base, prefix] = cidr.split('/');
  return { label, tier, base: v6Bits(base!), prefix: Number(prefix) };
};

// Metadata services first: they are refused even when private targets are allowed.
const V4_RANGES: readonly Range[] = [
  v4('169.254.169.254/32', 'cloud metadata', 'always'),
  v4('100.100.100.200/32', 'cloud metadata', 'always'),
  v4('0.0.0.0/8', '"this network" (0.0.0.0/8)', 'always'),
  v4('224.0.0.0/4', 'multicast', 'always'),
  v4('240.0.0.0/4', 'reserved (240.0.0.0/4)', 'always'),
  v4('127.0.0.0/8', 'loopback', 'private'),
  v4('10.0.0.0/8', 'private (RFC 1918)', 'private'),
  v4('172.16.0.0/12', 'private (RFC 1918)', 'private'),
  v4('192.168.0.0/16', 'private (RFC 1918)', 'private'),
  v4('169.254.0.0/16', 'link-local', 'private'),
  v4('100.64.0.0/10', 'carrier-grade NAT (100.64.0.0/10)', 'private'),
  v4('192.0.0.0/24', 'IETF protocol assignments', 'private'),
  v4('192.0.2.0/24', 'documentation (TEST-NET-1)', 'private'),
  v4('198.51.100.0/24', 'documentation (TEST-NET-2)', 'private'),
  v4('203.0.113.0/24', 'documentation (TEST-NET-3)', 'private'),
  v4('198.18.0.0/15', 'benchmarking', 'private'),
];

const V6_RANGES: readonly Range[] = [
  v6('fd00:ec2::254/128', 'cloud metadata', 'always'),
  v6('::/128', 'unspecified address', 'always'),
  v6('ff00::/8', 'multicast', 'always'),
  v6('::1/128', 'loopback', 'private'),
  v6('100::/64', 'discard prefix', 'private'),
  v6('2001:db8::/32', 'documentation', 'private'),
  v6('fc00::/7', 'unique local (fc00::/7)', 'private'),
  v6('fe80::/10', 'link-local', 'private'),
  v6('fec0::/10', 'site-local', 'private'),
];

/**
 * IPv6 forms that carry an IPv4 address, and where: a host or gateway may route them to that IPv4
 * address, so each is judged as the address it carries, and refused as a range of its own unless
 * the operator allows private targets (then only what it carries can refuse it: `::ffff:0:a9fe:a9fe`
 * is the metadata service whatever the setting). Positions are the IPv4 address's bit offsets from
 * the left of the 128 (RFC 4291, 6052, 6145, 3056, 4380).
 */
interface Embedding extends Range {
  /** Bit offsets of the four octets. */
  readonly octets: readonly [number, number, number, number];
  /** Teredo stores its client address inverted. */
  readonly inverted?: boolean;
  /** The form is the IPv4 address itself (IPv4-mapped): nothing to refuse beyond what it carries. */
  readonly sameAsV4?: boolean;
}

const at = (offset: number): [number, number, number, number] => [offset, offset + 8, offset + 16, offset + 24];
const embedding = (cidr: string, label: string, octets: readonly [number, number, number, number], options: { inverted?: boolean; sameAsV4?: boolean } = {}): Embedding => ({
  ...v6(cidr, label, 'private'),
  octets,
  ...options,
});

const V6_EMBEDDINGS: readonly Embedding[] = [
  embedding('::ffff:0:0/96', 'IPv4-mapped IPv6', at(96), { sameAsV4: true }),
  embedding('::ffff:0:0:0/96', 'IPv4-translated IPv6 (::ffff:0:0:0/96)', at(96)),
  embedding('64:ff9b::/96', 'NAT64 (64:ff9b::/96)', at(96)),
  // RFC 6052 with a /48 prefix: the address straddles the reserved octet at bits 64–71.
  embedding('64:ff9b:1::/48', 'local NAT64 (64:ff9b:1::/48)', [48, 56, 72, 80]),
  embedding('2002::/16', '6to4 tunnel', at(16)),
  embedding('2001::/32', 'Teredo tunnel', at(96), { inverted: true }),
  // IPv4-compatible (deprecated), after the single addresses :: and ::1 above.
  embedding('::/96', 'IPv4-compatible IPv6', at(96)),
];

function findRange(bits: bigint, width: number, ranges: readonly Range[]): Range | undefined {
  return ranges.find((range) => {
    const shift = BigInt(width - range.prefix);
    return bits >> shift === range.base >> shift;
  });
}

function embeddedV4(bits: bigint, embedding: Embedding): string {
  const octets = embedding.octets.map((offset) => {
    const octet = Number((bits >> BigInt(128 - offset - 8)) & 0xffn);
    return embedding.inverted ? octet ^ 0xff : octet;
  });
  return octets.join('.');
}

/**
 * Why connecting to `address` (an IP literal) is refused, or undefined when it may be used. An
 * IPv6 form that carries an IPv4 address is judged as that address too (see V6_EMBEDDINGS).
 */
export function refusalForAddress(address: string, allowPrivate: boolean): string | undefined {
  const version = isIP(address.replace(/%.*$/, ''));
  if (version === 4) return refusalIn(address, findRange(v4Bits(address), 32, V4_RANGES), allowPrivate);
  if (version !== 6) return `"${address}" is not an IP address`;
  const bits = v6Bits(address);
  const own = findRange(bits, 128, V6_RANGES);
  if (own) return refusalIn(address, own, allowPrivate);
  const embedding = V6_EMBEDDINGS.find((e) => findRange(bits, 128, [e]) !== undefined);
  if (!embedding) return undefined;
  const carried = embeddedV4(bits, embedding);
  const inner = refusalIn(carried, findRange(v4Bits(carried), 32, V4_RANGES), allowPrivate);
  if (inner) return `${address} (${embedding.label}) carries ${inner}`;
  // The others are tunnels and translators a private network runs: refused unless private targets are allowed.
  return embedding.sameAsV4 ? undefined : refusalIn(address, embedding, allowPrivate);
}

function refusalIn(address: string, range: Range | undefined, allowPrivate: boolean): string | undefined {
  if (range === undefined) return undefined;
  if (range.tier === 'private' && allowPrivate) return undefined;
  return `${address} is a ${range.label} address`;
}

/** Names that always mean this machine, whatever DNS says. */
function isLocalName(hostname: string): boolean {
  const name = hostname.toLowerCase().replace(/\.$/, '');
  return name === 'localhost' || name.endsWith('.localhost');
}

/**
 * Checks a URL's shape: http or https, no credentials, a host that is not a refused IP literal or
 * a local name. WHATWG URL parsing already rewrites odd IPv4 forms (`127.1`, `0x7f.1`,
 * `2130706433`, `0177.0.0.1`) to dotted quads, so they are judged as the address they mean.
 * Throws UrlRefused; returns the parsed URL.
 */
export function checkUrlShape(raw: string, allowPrivate: boolean): URL {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new UrlRefused('is not a valid absolute URL');
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new UrlRefused('must use http or https');
  if (url.username !== '' || url.password !== '') {
    throw new UrlRefused('must not contain credentials; send them in a header instead');
  }
  const host = url.hostname.replace(/^\[|\]$/g, '');
  if (host === '') throw new UrlRefused('must name a host');
  if (isIP(host) !== 0) {
    const refusal = refusalForAddress(host, allowPrivate);
    if (refusal) throw new UrlRefused(`points to a refused address: ${refusal}`);
  } else if (isLocalName(host) && !allowPrivate) {
    throw new UrlRefused(`points to a refused address: ${host} is this machine`);
  }
  return url;
}

type LookupCallback = (error: NodeJS.ErrnoException | null, address: string | LookupAddress[], family?: number) => void;

/** A resolver with `dns.lookup`'s all-addresses signature (tests pass one to play DNS rebinding). */
export type Resolver = (
  hostname: string,
  options: LookupOptions & { all: true },
  callback: (error: NodeJS.ErrnoException | null, addresses: LookupAddress[]) => void,
) => void;

/**
 * A `lookup` for http.request / net.connect that resolves every address of the name and refuses
 * the connection when any of them is refused (a name that mixes public and private answers is a
 * rebinding attempt, not a configuration to humour).
 */
export function guardedLookup(allowPrivate: boolean, resolver: Resolver = dnsLookup) {
  return (hostname: string, options: LookupOptions, callback: LookupCallback): void => {
    resolver(hostname, { ...options, all: true }, (error, addresses) => {
      if (error) return callback(error, []);
      for (const { address } of addresses) {
        const refusal = refusalForAddress(address, allowPrivate);
        if (refusal) return callback(new UrlRefused(`${hostname} resolves to a refused address: ${refusal}`), []);
      }
      if (addresses.length === 0) return callback(Object.assign(new Error(`${hostname} has no address`), { code: 'ENOTFOUND' }), []);
      if (options.all) return callback(null, addresses);
      return callback(null, addresses[0]!.address, addresses[0]!.family);
    });
  };
}

/**
 * The create/update check: the URL's shape, then the addresses its name resolves to now. A name
 * that does not resolve yet is accepted (it may be created before its DNS); every send checks again.
 */
export async function checkDestinationUrl(raw: string, allowPrivate: boolean, resolver: Resolver = dnsLookup): Promise<URL> {
  const url = checkUrlShape(raw, allowPrivate);
  const host = url.hostname.replace(/^\[|\]$/g, '');
  if (isIP(host) !== 0) return url;
  await new Promise<void>((resolve, reject) => {
    guardedLookup(allowPrivate, resolver)(host, { all: true }, (error) => {
      if (error instanceof UrlRefused) reject(error);
      else resolve();
    });
  });
  return url;
}

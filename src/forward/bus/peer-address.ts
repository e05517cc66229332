import { lookup as dnsLookup } from 'node:dns';
import { isIP } from 'node:net';
import { guardedLookup, refusalForAddress, UrlRefused, type Resolver } from '../ssrf-guard.ts';

/**
 * The SSRF guard for the destinations that speak their own protocol (PostgreSQL, NATS, AMQP,
 * Redis): their host comes from a user's config, so every connection checks where it goes, as the
 * webhook sender does. The check runs before each connect, on every address the name has; the
 * client library then resolves the name again, so a DNS answer that changes in between (rebinding)
 * is not caught here: the clients (pg, nats, amqplib, ioredis) take no `lookup` hook in common.
 * Loopback and private addresses need FORWARD_ALLOW_PRIVATE_TARGETS, as for webhooks.
 */
export async function peerRefusal(host: string, allowPrivate: boolean, resolver: Resolver = dnsLookup): Promise<string | undefined> {
  const name = host.replace(/^\[|\]$/g, '');
  if (name === '' || name.startsWith('/')) return allowPrivate ? undefined : `${host || 'a local socket'} is this machine`;
  if (isIP(name) !== 0) return refusalForAddress(name, allowPrivate);
  const lower = name.toLowerCase().replace(/\.$/, '');
  if ((lower === 'localhost' || lower.endsWith('.localhost')) && !allowPrivate) return `${name} is this machine`;
  return new Promise((resolve) => {
    guardedLookup(allowPrivate, resolver)(name, { all: true }, (error) => {
      // A name that does not resolve is a connection failure for the client to report (and retry).
      resolve(error instanceof UrlRefused ? error.message : undefined);
    });
  });
}

/** The first refusal among several hosts (NATS takes a list of servers). */
export async function firstPeerRefusal(hosts: readonly string[], allowPrivate: boolean): Promise<string | undefined> {
  for (const host of hosts) {
    const refusal = await peerRefusal(host, allowPrivate);
    if (refusal) return `${host}: ${refusal}`;
  }
  return undefined;
}

/**
 * Basic usernames by header value. An SDK sends the same header with every request, and decoding
 * it again each time was a fifth of a Segment request's handler. Bounded (emptied when full), so
 * headers that never repeat cannot grow it. One per Authenticator: the runtime owns it, no module
 * holds it.
 */
export class BasicUsernames {
  private readonly byHeader = new Map<string, string | undefined>();

  constructor(private readonly maxEntries = 1000) {}

  /** The username of an HTTP Basic `authorization` header: how Segment's SDKs send a write key. */
  of(header: string | undefined): string | undefined {
    if (!header) return undefined;
    if (this.byHeader.has(header)) return this.byHeader.get(header);
    const username = decodeBasicUsername(header);
    if (this.byHeader.size >= this.maxEntries) this.byHeader.clear();
    this.byHeader.set(header, username);
    return username;
  }
}

function decodeBasicUsername(header: string): string | undefined {
  const match = /^Basic\s+([A-Za-z0-9+/=]+)\s*$/i.exec(header);
  if (!match) return undefined;
  const decoded = Buffer.from(match[1]!, 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  const username = colon === -1 ? decoded : decoded.slice(0, colon);
  return username || undefined;
}

import type { LookupAddress } from 'node:dns';
import { describe, expect, it } from 'vitest';
import { busMessageId } from '../../src/forward/bus/message-id.ts';
import { withoutCredentials } from '../../src/forward/bus/outcomes.ts';
import { peerRefusal } from '../../src/forward/bus/peer-address.ts';
import type { Resolver } from '../../src/forward/ssrf-guard.ts';

/** A resolver answering fixed addresses, as DNS would. */
const resolving =
  (...addresses: string[]): Resolver =>
  (_name, _options, callback) =>
    callback(null, addresses.map((address): LookupAddress => ({ address, family: address.includes(':') ? 6 : 4 })));

describe('the SSRF guard on bus and warehouse hosts', () => {
  it('refuses loopback, private and local names unless private targets are allowed', async () => {
    expect(await peerRefusal('127.0.0.1', false)).toContain('loopback');
    expect(await peerRefusal('10.1.2.3', false)).toBeDefined();
    expect(await peerRefusal('[::ffff:127.0.0.1]', false)).toBeDefined();
    expect(await peerRefusal('localhost', false)).toContain('this machine');
    expect(await peerRefusal('/var/run/postgresql', false)).toContain('this machine');
    expect(await peerRefusal('127.0.0.1', true)).toBeUndefined();
    expect(await peerRefusal('/var/run/postgresql', true)).toBeUndefined();
  });

  it('judges every address a name resolves to, and leaves an unresolvable name to the client', async () => {
    expect(await peerRefusal('db.example.com', false, resolving('93.184.216.34'))).toBeUndefined();
    expect(await peerRefusal('db.example.com', false, resolving('93.184.216.34', '192.168.1.5'))).toContain('192.168.1.5');
    const failing: Resolver = (_name, _options, callback) => callback(Object.assign(new Error('nope'), { code: 'ENOTFOUND' }), []);
    expect(await peerRefusal('missing.example.com', false, failing)).toBeUndefined();
  });
});

describe('bus message ids and messages', () => {
  it("uses the event's message id, else its id, else one derived from the batch", () => {
    expect(busMessageId({ message_id: 'm-1', id: 'e-1' }, 'req', 0)).toBe('m-1');
    expect(busMessageId({ messageId: 'm-2' }, 'req', 0)).toBe('m-2');
    expect(busMessageId({ id: 'e-3' }, 'req', 0)).toBe('e-3');
    expect(busMessageId({ type: 'track' }, 'req', 4)).toBe('req:4');
  });

  it('takes secrets and URL passwords out of error messages', () => {
    expect(withoutCredentials('connect to amqp://guest:s3cret@host:5672 failed', [])).toBe('connect to amqp://guest:••••@host:5672 failed');
    expect(withoutCredentials('password "hunter22" rejected', ['hunter22'])).toBe('password "••••" rejected');
  });
});

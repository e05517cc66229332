import { describe, expect, it } from 'vitest';
import { IpHasher, normalAddress } from '../../../src/attribution/partners/ip-hasher.ts';

describe('client address hashes', () => {
  const hasher = IpHasher.fromMaterial('a server key of at least thirty-two characters');

  it('spells one address one way: IPv4-mapped IPv6 as IPv4, IPv6 expanded in lower case, zone dropped', () => {
    expect(normalAddress('::ffff:81.2.69.160')).toBe('81.2.69.160');
    expect(normalAddress('::FFFF:5102:45a0')).toBe('81.2.69.160');
    expect(normalAddress('2A00:1450:4001::200E')).toBe('2a00:1450:4001:0:0:0:0:200e');
    expect(normalAddress('fe80::1%eth0')).toBe('fe80:0:0:0:0:0:0:1');
    expect(normalAddress('not an address')).toBeNull();
  });

  it('hashes the same public address the same however it is written, under a key', () => {
    const once = hasher.hash('81.2.69.160');
    expect(once).toMatch(/^[0-9a-f]{64}$/);
    expect(hasher.hash('::ffff:81.2.69.160')).toBe(once);
    expect(hasher.hash('93.184.216.34')).not.toBe(once);
    expect(IpHasher.fromMaterial('another server key of thirty-two characters').hash('81.2.69.160')).not.toBe(once);
    expect(hasher.hash('2a00:1450:4001::200e')).toBe(hasher.hash('2A00:1450:4001:0:0:0:0:200E'));
  });

  it('hashes no loopback, private, link-local, CGNAT or unique-local address, and nothing for none', () => {
    for (const address of ['127.0.0.1', '::1', '10.1.2.3', '172.17.0.2', '192.168.1.1', '169.254.1.1', '100.64.0.1', 'fd00::1', '::ffff:10.0.0.1']) {
      expect(hasher.hash(address), address).toBeNull();
    }
    expect(hasher.hash(null)).toBeNull();
    expect(hasher.hash(undefined)).toBeNull();
    expect(hasher.hash('garbage')).toBeNull();
  });
});

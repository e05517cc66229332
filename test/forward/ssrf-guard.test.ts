import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { describe, expect, it } from 'vitest';
import { checkDestinationUrl, checkUrlShape, refusalForAddress, UrlRefused } from '../../src/forward/index.ts';
import type { Resolver } from '../../src/forward/ssrf-guard.ts';
import { WebhookSender } from '../../src/forward/webhook-sender.ts';

const refused = (url: string, allowPrivate = false) => {
  try {
    checkUrlShape(url, allowPrivate);
  } catch (error) {
    if (error instanceof UrlRefused) return error.message;
    throw error;
  }
  return undefined;
};

describe('SSRF guard: addresses', () => {
  it.each([
    ['127.0.0.1', 'loopback'],
    ['127.255.255.254', 'loopback'],
    ['10.1.2.3', 'RFC 1918'],
    ['172.16.0.1', 'RFC 1918'],
    ['172.31.255.255', 'RFC 1918'],
    ['192.168.1.1', 'RFC 1918'],
    ['169.254.1.1', 'link-local'],
    ['169.254.169.254', 'cloud metadata'],
    ['100.64.0.1', 'carrier-grade NAT'],
    ['100.127.255.255', 'carrier-grade NAT'],
    ['0.0.0.0', 'this network'],
    ['0.1.2.3', 'this network'],
    ['224.0.0.1', 'multicast'],
    ['239.255.255.250', 'multicast'],
    ['240.0.0.1', 'reserved'],
    ['255.255.255.255', 'reserved'],
    ['::1', 'loopback'],
    ['::', 'unspecified'],
    ['::ffff:127.0.0.1', 'loopback'],
    ['::ffff:7f00:1', 'loopback'],
    ['::ffff:169.254.169.254', 'cloud metadata'],
    ['::ffff:10.0.0.1', 'RFC 1918'],
    ['64:ff9b::7f00:1', 'NAT64'],
    ['64:ff9b::808:808', 'NAT64'],
    ['fc00::1', 'unique local'],
    ['fd12:3456::1', 'unique local'],
    ['fe80::1', 'link-local'],
    ['fe80::1%eth0', 'link-local'],
    ['ff02::1', 'multicast'],
    ['fd00:ec2::254', 'cloud metadata'],
    ['::127.0.0.1', 'IPv4-compatible'],
    ['2002:7f00:1::1', '6to4'],
  ])('refuses %s (%s)', (address, label) => {
    expect(refusalForAddress(address, false)).toContain(label);
  });

  it.each(['8.8.8.8', '1.1.1.1', '93.184.216.34', '172.32.0.1', '100.128.0.1', '2606:4700:4700::1111', '::ffff:8.8.8.8'])(
    'allows the public address %s',
    (address) => {
      expect(refusalForAddress(address, false)).toBeUndefined();
    },
  );

  // Issue 16 §8: every IPv6 form that embeds or translates an IPv4 address is judged by that address.
  it.each([
    ['::ffff:0:7f00:1', '127.0.0.1', 'loopback'],
    ['::ffff:0:a9fe:a9fe', '169.254.169.254', 'cloud metadata'],
    ['::ffff:0:127.0.0.1', '127.0.0.1', 'loopback'],
    ['64:ff9b::a9fe:a9fe', '169.254.169.254', 'cloud metadata'],
    ['64:ff9b:1:a9fe:a9:fe00::', '169.254.169.254', 'cloud metadata'],
    ['2002:a9fe:a9fe::1', '169.254.169.254', 'cloud metadata'],
    ['2001:0:4136:e378:8000:63bf:5601:5601', '169.254.169.254', 'cloud metadata'],
    ['::169.254.169.254', '169.254.169.254', 'cloud metadata'],
    ['::ffff:a9fe:a9fe', '169.254.169.254', 'cloud metadata'],
  ])('judges %s by the IPv4 address it carries (%s)', (address, carried, label) => {
    const refusal = refusalForAddress(address, false);
    expect(refusal).toContain(label);
    expect(refusal).toContain(carried);
    // The metadata service is refused even where private targets are allowed; loopback is not.
    if (label === 'cloud metadata') expect(refusalForAddress(address, true)).toContain(label);
    else expect(refusalForAddress(address, true)).toBeUndefined();
  });

  it.each([['::ffff:0:808:808'], ['64:ff9b::808:808'], ['2002:808:808::1'], ['::8.8.8.8']])(
    'refuses the tunnel or translator form %s of a public address unless private targets are allowed',
    (address) => {
      expect(refusalForAddress(address, false)).toBeDefined();
      expect(refusalForAddress(address, true)).toBeUndefined();
    },
  );

  it('allows private ranges when the operator allows private targets, but never the metadata service', () => {
    expect(refusalForAddress('127.0.0.1', true)).toBeUndefined();
    expect(refusalForAddress('10.0.0.1', true)).toBeUndefined();
    expect(refusalForAddress('::1', true)).toBeUndefined();
    expect(refusalForAddress('169.254.169.254', true)).toContain('cloud metadata');
    expect(refusalForAddress('::ffff:169.254.169.254', true)).toContain('cloud metadata');
    expect(refusalForAddress('0.0.0.0', true)).toContain('this network');
  });
});

describe('SSRF guard: URLs', () => {
  it.each([
    'http://127.1/',
    'http://0x7f.1/',
    'http://0x7f000001/',
    'http://2130706433/',
    'http://0177.0.0.1/',
    'http://017700000001/',
    'http://127.000.000.001/',
    'http://[::1]:8080/hook',
    'http://[::ffff:127.0.0.1]/',
    'http://[0:0:0:0:0:ffff:7f00:1]/',
    'http://[64:ff9b::a9fe:a9fe]/',
    'http://[::ffff:0:7f00:1]/',
    'http://[::ffff:0:a9fe:a9fe]/',
    'http://169.254.169.254/latest/meta-data/',
    'http://0xa9fea9fe/',
    'http://localhost/',
    'http://LOCALHOST./',
    'http://api.localhost/',
    'http://10.0.0.1:9200/',
  ])('refuses %s', (url) => {
    expect(refused(url)).toBeDefined();
  });

  it.each([
    ['ftp://example.com/', 'http or https'],
    ['file:///etc/passwd', 'http or https'],
    ['gopher://example.com/', 'http or https'],
    ['javascript:alert(1)', 'http or https'],
    ['http://user:pass@example.com/', 'credentials'],
    ['https://token@example.com/', 'credentials'],
    ['not a url', 'valid absolute URL'],
    ['/relative/path', 'valid absolute URL'],
  ])('refuses %s: %s', (url, reason) => {
    expect(refused(url)).toContain(reason);
  });

  it('accepts public https and http URLs', () => {
    expect(refused('https://hooks.example.com/in?x=1')).toBeUndefined();
    expect(refused('http://93.184.216.34:8443/')).toBeUndefined();
  });

  it('accepts loopback only with the allow-private setting', () => {
    expect(refused('http://127.0.0.1:9000/', true)).toBeUndefined();
    expect(refused('http://localhost:9000/', true)).toBeUndefined();
    expect(refused('http://169.254.169.254/', true)).toContain('cloud metadata');
  });

  it('refuses a name when any of its DNS answers is private', async () => {
    const mixed: Resolver = (_hostname, _options, callback) =>
      callback(null, [
        { address: '93.184.216.34', family: 4 },
        { address: '10.0.0.7', family: 4 },
      ]);
    await expect(checkDestinationUrl('https://hooks.example.com/', false, mixed)).rejects.toThrow(/10\.0\.0\.7 is a private/);
    await expect(checkDestinationUrl('https://hooks.example.com/', true, mixed)).resolves.toBeInstanceOf(URL);
  });

  it('accepts a name that does not resolve yet (checked again at send time)', async () => {
    await expect(checkDestinationUrl('https://no-such-host.invalid/hook', false)).resolves.toBeInstanceOf(URL);
  });
});

describe('SSRF guard at send time', () => {
  it('refuses to connect when the name resolves to a private address, and connects when allowed', async () => {
    const server = createServer((_request, response) => response.writeHead(204).end());
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    let hits = 0;
    server.on('request', () => (hits += 1));
    try {
      // DNS rebinding: the name looked public when it was saved and answers 127.0.0.1 when sent.
      const rebinding: Resolver = (_hostname, _options, callback) => callback(null, [{ address: '127.0.0.1', family: 4 }]);
      const guarded = new WebhookSender({ allowPrivate: false, timeoutMs: 2000, resolver: rebinding });
      const refusedResult = await guarded.post(`http://hooks.example.com:${port}/`, {}, '{}');
      guarded.close();
      expect(refusedResult.refused).toBe(true);
      expect(refusedResult.statusCode).toBeNull();
      expect(refusedResult.error).toContain('refused');
      expect(hits).toBe(0);

      // The connection goes to the address the guard checked, not to a second resolution.
      const open = new WebhookSender({ allowPrivate: true, timeoutMs: 2000, resolver: rebinding });
      const allowed = await open.post(`http://hooks.example.com:${port}/`, {}, '{}');
      open.close();
      expect(allowed.statusCode).toBe(204);
      expect(hits).toBe(1);
    } finally {
      await new Promise((resolve) => server.close(resolve));
    }
  });

  it('does not follow redirects: a 3xx is the answer', async () => {
    let redirected = 0;
    const server = createServer((request, response) => {
      if (request.url === '/target') redirected += 1;
      response.writeHead(302, { location: '/target' }).end();
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    try {
      const sender = new WebhookSender({ allowPrivate: true, timeoutMs: 2000 });
      const result = await sender.post(`http://127.0.0.1:${port}/start`, {}, '{}');
      sender.close();
      expect(result.statusCode).toBe(302);
      expect(redirected).toBe(0);
    } finally {
      await new Promise((resolve) => server.close(resolve));
    }
  });
});

import { Webhook } from 'standardwebhooks';
import { ConfigError, loadConfig } from '../../src/config.ts';
import { describe, expect, it } from 'vitest';
import { nextAttemptAt, verdictFor } from '../../src/forward/retry-policy.ts';
import { SecretBox } from '../../src/forward/secret-box.ts';
import { generateSigningSecret, signatureHeaders } from '../../src/forward/webhook-signature.ts';
import { parseRetryAfter } from '../../src/forward/webhook-sender.ts';
import { maskHeaderValue, mergeMaskedHeaders } from '../../src/forward/destination-headers.ts';
import { ruleMatches, type ActiveRule } from '../../src/forward/rule-cache.ts';

describe('attempt verdicts', () => {
  it.each([
    [200, 'delivered'],
    [204, 'delivered'],
    [299, 'delivered'],
    [301, 'retry'],
    [302, 'retry'],
    [307, 'retry'],
    [400, 'final'],
    [401, 'final'],
    [404, 'final'],
    [408, 'retry'],
    [410, 'gone'],
    [422, 'final'],
    [429, 'retry'],
    [500, 'retry'],
    [503, 'retry'],
    [null, 'retry'],
  ] as const)('status %s is %s', (statusCode, verdict) => {
    expect(verdictFor({ statusCode, refused: false })).toBe(verdict);
  });

  it('treats an address the guard refused as final', () => {
    expect(verdictFor({ statusCode: null, refused: true })).toBe('final');
  });
});

describe('retry timing', () => {
  const half = () => 0.5;
  it('backs off exponentially with jitter from the base delay', () => {
    const delays = [1, 2, 3, 4].map((attempt) => nextAttemptAt(attempt, 0, Infinity, { baseMs: 1000, retryAfterMs: null, random: half })!);
    expect(delays).toEqual([750, 1500, 3000, 6000]);
  });

  it('waits at least as long as Retry-After, capped at an hour', () => {
    expect(nextAttemptAt(1, 0, Infinity, { baseMs: 100, retryAfterMs: 30_000, random: half })).toBe(30_000);
    expect(nextAttemptAt(1, 0, Infinity, { baseMs: 100, retryAfterMs: 10 * 86_400_000, random: half })).toBe(3_600_000);
  });

  it('gives up (dead letter) when the next attempt would fall after the deadline', () => {
    expect(nextAttemptAt(1, 1000, 1500, { baseMs: 1000, retryAfterMs: null, random: half })).toBeUndefined();
    expect(nextAttemptAt(1, 1000, 1500, { baseMs: 100, retryAfterMs: null, random: half })).toBe(1075);
  });

  it('reads Retry-After as seconds or as an HTTP date', () => {
    const now = Date.parse('2026-01-01T00:00:00Z');
    expect(parseRetryAfter('120', now)).toBe(120_000);
    expect(parseRetryAfter('Thu, 01 Jan 2026 00:00:30 GMT', now)).toBe(30_000);
    expect(parseRetryAfter('Wed, 31 Dec 2025 00:00:00 GMT', now)).toBe(0);
    expect(parseRetryAfter('soon', now)).toBeNull();
    expect(parseRetryAfter(undefined, now)).toBeNull();
  });
});

describe('Standard Webhooks signatures', () => {
  it('signs exactly as the reference library does, and verifies with it', () => {
    const secret = generateSigningSecret();
    expect(secret).toMatch(/^whsec_/);
    const body = JSON.stringify({ event: 'purchase_completed', total: 9999 });
    const timestamp = 1_767_225_600;
    const headers = signatureHeaders(secret, 'msg_2b5c', timestamp, body);
    expect(headers['webhook-signature']).toBe(new Webhook(secret).sign('msg_2b5c', new Date(timestamp * 1000), body));
    const fresh = signatureHeaders(secret, 'msg_2b5c', Math.floor(Date.now() / 1000), body);
    expect(new Webhook(secret).verify(body, fresh)).toEqual(JSON.parse(body));
    expect(() => new Webhook(generateSigningSecret()).verify(body, fresh)).toThrow();
  });
});

describe('secret box', () => {
  it('round-trips, uses a fresh nonce each time and refuses another key or a tampered value', () => {
    const box = SecretBox.fromMaterial('operator passphrase');
    const sealed = box.seal('whsec_abc');
    expect(sealed).not.toContain('whsec_abc');
    expect(box.seal('whsec_abc')).not.toBe(sealed);
    expect(box.unseal(sealed)).toBe('whsec_abc');
    expect(() => SecretBox.fromMaterial('another key').unseal(sealed)).toThrow();
    const raw = Buffer.from(sealed.slice(3), 'base64');
    raw[raw.length - 1]! ^= 1;
    expect(() => box.unseal(`v1:${raw.toString('base64')}`)).toThrow();
  });
});

describe('header masking and rule matching', () => {
  it('masks only secret-looking header names and keeps a value sent back masked', () => {
    expect(maskHeaderValue('X-Api-Key', 'abcdefghijklmnop1234')).toBe('••••1234');
    expect(maskHeaderValue('Authorization', 'short')).toBe('••••');
    expect(maskHeaderValue('X-Source', 'tributary')).toBe('tributary');
    expect(mergeMaskedHeaders({ 'X-Api-Key': 'abcdefghijklmnop1234' }, { 'x-api-key': '••••1234', 'X-New': 'v' })).toEqual({
      'x-api-key': 'abcdefghijklmnop1234',
      'X-New': 'v',
    });
    expect(mergeMaskedHeaders({ 'X-Api-Key': 'abcdefghijklmnop1234' }, { 'X-Api-Key': 'replaced' })).toEqual({ 'X-Api-Key': 'replaced' });
  });

  it('matches event types and names, empty lists matching all', () => {
    const rule = (types: string[], names: string[]): ActiveRule => ({
      id: 'r',
      destinationId: 'd',
      transformationId: null,
      eventTypes: new Set(types),
      eventNames: new Set(names),
    });
    expect(ruleMatches(rule([], []), 'identify', null)).toBe(true);
    expect(ruleMatches(rule(['track'], []), 'track', 'x')).toBe(true);
    expect(ruleMatches(rule(['track'], []), 'page', 'x')).toBe(false);
    expect(ruleMatches(rule([], ['purchase']), 'track', 'purchase')).toBe(true);
    expect(ruleMatches(rule([], ['purchase']), 'track', 'refund')).toBe(false);
    expect(ruleMatches(rule([], ['purchase']), 'identify', null)).toBe(false);
  });
});

describe('forwarding settings', () => {
  it('refuses a short FORWARD_SECRET_KEY and reads the forwarding defaults', () => {
    expect(() => loadConfig({ FORWARD_SECRET_KEY: 'too short' })).toThrow(ConfigError);
    const config = loadConfig({});
    expect(config).toMatchObject({
      forwardAllowPrivateTargets: false,
      forwardRetryBudgetMs: 86_400_000,
      forwardTimeoutMs: 10_000,
      forwardConcurrency: 16,
      forwardSecretKey: undefined,
    });
    expect(loadConfig({ FORWARD_ALLOW_PRIVATE_TARGETS: 'true' }).forwardAllowPrivateTargets).toBe(true);
  });
});

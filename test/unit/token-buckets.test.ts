import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.ts';
import { TokenBuckets } from '../../src/rate-limits/index.ts';

describe('TokenBuckets', () => {
  const limit = { perSecond: 2, burst: 3 };

  it('lets a key make its burst at once, then one request per refilled token, and answers the wait in ms', () => {
    const buckets = new TokenBuckets();
    expect([0, 0, 0].map(() => buckets.take('a', limit, 0))).toEqual([0, 0, 0]);
    expect(buckets.take('a', limit, 0)).toBe(500);
    expect(buckets.take('a', limit, 200)).toBe(300);
    expect(buckets.take('a', limit, 500)).toBe(0);
    expect(buckets.take('a', limit, 500)).toBe(500);
    // Another key is not affected.
    expect(buckets.take('b', limit, 500)).toBe(0);
  });

  it('applies a changed limit to the next request: a lowered burst cuts the tokens held', () => {
    const buckets = new TokenBuckets();
    buckets.take('a', { perSecond: 10, burst: 10 }, 0);
    expect(buckets.take('a', { perSecond: 1, burst: 1 }, 0)).toBe(0);
    expect(buckets.take('a', { perSecond: 1, burst: 1 }, 0)).toBe(1000);
  });

  it('forgets buckets that have filled up again, without a timer', () => {
    const buckets = new TokenBuckets();
    for (let i = 0; i < 50; i += 1) buckets.take(`idle-${i}`, limit, 0);
    expect(buckets.size).toBe(50);
    // 1.5 s later every idle bucket is full again; each take inspects (and here forgets) the oldest.
    for (let i = 0; i < 60; i += 1) buckets.take('busy', limit, 1500 + i);
    expect(buckets.size).toBe(1);
  });

  it('keeps a busy key\'s debt while sweeping, and never holds more than maxKeys buckets', () => {
    const buckets = new TokenBuckets(10);
    for (let i = 0; i < 3; i += 1) buckets.take('busy', limit, 0);
    for (let i = 0; i < 100; i += 1) buckets.take(`k-${i}`, limit, 1);
    expect(buckets.size).toBeLessThanOrEqual(10);
    const fresh = new TokenBuckets(10);
    for (let i = 0; i < 3; i += 1) fresh.take('busy', limit, 0);
    for (let i = 0; i < 5; i += 1) fresh.take(`k-${i}`, limit, 1);
    expect(fresh.take('busy', limit, 2)).toBeGreaterThan(0);
  });
});

describe('rate limit settings from the environment', () => {
  it('are off by default, and a burst defaults to one second of the rate', () => {
    const config = loadConfig({});
    expect([config.rateLimitWriteKeyPerSecond, config.rateLimitApiKeyPerSecond]).toEqual([0, 0]);
    const set = loadConfig({ RATE_LIMIT_WRITE_KEY_PER_SECOND: '500', RATE_LIMIT_WRITE_KEY_BURST: '1000', RATE_LIMIT_API_KEY_PER_SECOND: '100' });
    expect([set.rateLimitWriteKeyPerSecond, set.rateLimitWriteKeyBurst, set.rateLimitApiKeyPerSecond, set.rateLimitApiKeyBurst]).toEqual([500, 1000, 100, undefined]);
  });

  it('refuses values that are not integers in range, naming the variable', () => {
    expect(() => loadConfig({ RATE_LIMIT_WRITE_KEY_PER_SECOND: '-1' })).toThrow(/RATE_LIMIT_WRITE_KEY_PER_SECOND/);
    expect(() => loadConfig({ RATE_LIMIT_API_KEY_PER_SECOND: '2.5' })).toThrow(/RATE_LIMIT_API_KEY_PER_SECOND/);
    expect(() => loadConfig({ RATE_LIMIT_WRITE_KEY_BURST: '0' })).toThrow(/RATE_LIMIT_WRITE_KEY_BURST/);
    expect(() => loadConfig({ RATE_LIMIT_API_KEY_BURST: 'lots' })).toThrow(/RATE_LIMIT_API_KEY_BURST/);
  });
});

import { describe, expect, it } from 'vitest';
import { CredentialCache } from '../../src/auth/credential-cache.ts';
import { ConfigError, loadConfig } from '../../src/config.ts';
import { chunkRows } from '../../src/db/index.ts';
import { POSTGRES_CAPABILITIES, SQLITE_CAPABILITIES } from '../../src/db/dialect-capabilities.ts';
import { exceedsDepth } from '../../src/lib/json-depth.ts';
import { constantTimeEqual, generateSecret, hashSecret } from '../../src/lib/secrets.ts';

describe('exceedsDepth', () => {
  it('counts objects and arrays, not scalars', () => {
    expect(exceedsDepth({ a: { b: [1] } }, 3)).toBe(false);
    expect(exceedsDepth({ a: { b: [{}] } }, 3)).toBe(true);
    expect(exceedsDepth('text', 0)).toBe(false);
  });
  it('handles 1,000,000 levels without overflowing the stack', () => {
    let deep: unknown = [];
    for (let i = 0; i < 1_000_000; i++) deep = [deep];
    expect(exceedsDepth(deep, 64)).toBe(true);
  });
});

describe('CredentialCache', () => {
  it('expires entries after the TTL and forgets on request', () => {
    const cache = new CredentialCache<{ id: number }>(1000);
    cache.set('h', { id: 1 }, 0);
    expect(cache.get('h', 999)).toEqual({ id: 1 });
    expect(cache.get('h', 1000)).toBeUndefined();
    cache.set('h', { id: 1 }, 0);
    cache.deleteWhere((v) => v.id === 1);
    expect(cache.get('h', 1)).toBeUndefined();
  });
  it('evicts the oldest entry at capacity, and caches nothing with a zero TTL', () => {
    const cache = new CredentialCache<number>(1000, 2);
    cache.set('a', 1, 0);
    cache.set('b', 2, 0);
    cache.set('c', 3, 0);
    expect(cache.get('a', 1)).toBeUndefined();
    expect(cache.get('c', 1)).toBe(3);
    const off = new CredentialCache<number>(0);
    off.set('a', 1, 0);
    expect(off.get('a', 0)).toBeUndefined();
  });
});

describe('secrets', () => {
  it('generates distinct prefixed secrets and hashes them deterministically', () => {
    const a = generateSecret('wk_');
    const b = generateSecret('wk_');
    expect(a).toMatch(/^wk_[0-9A-Za-z]{32}$/);
    expect(a).not.toBe(b);
    expect(hashSecret(a)).toBe(hashSecret(a));
    expect(hashSecret(a)).not.toContain(a);
  });
  it('compares equal and unequal strings of any length', () => {
    expect(constantTimeEqual('abc', 'abc')).toBe(true);
    expect(constantTimeEqual('abc', 'abd')).toBe(false);
    expect(constantTimeEqual('abc', 'abcd')).toBe(false);
  });
});

describe('chunkRows', () => {
  it('keeps every statement under the dialect parameter limit', () => {
    const rows = Array.from({ length: 10_000 }, (_, i) => ({ a: i, b: i, c: i, d: i, e: i }));
    for (const dialect of [SQLITE_CAPABILITIES, POSTGRES_CAPABILITIES]) {
      const chunks = chunkRows(rows, dialect);
      expect(chunks.flat()).toHaveLength(10_000);
      for (const chunk of chunks) expect(chunk.length * 5).toBeLessThanOrEqual(dialect.maxParameters);
    }
  });
});

describe('loadConfig', () => {
  it('defaults to SQLite with synchronous=FULL on 127.0.0.1:8080', () => {
    const config = loadConfig({});
    expect(config).toMatchObject({ host: '127.0.0.1', port: 8080, sqliteSynchronous: 'FULL', databaseUrl: undefined, runWorkers: true });
    expect(Object.isFrozen(config)).toBe(true);
  });
  it('names the variable that is wrong', () => {
    expect(() => loadConfig({ PORT: 'eighty' })).toThrow(/PORT/);
    expect(() => loadConfig({ DATABASE_URL: 'mysql://x' })).toThrow(ConfigError);
    expect(() => loadConfig({ SQLITE_SYNCHRONOUS: 'OFF' })).toThrow(/SQLITE_SYNCHRONOUS/);
    expect(() => loadConfig({ TRIBUTARY_ADMIN_TOKEN: 'short' })).toThrow(/TRIBUTARY_ADMIN_TOKEN/);
    expect(() => loadConfig({ WORKERS: 'maybe' })).toThrow(/WORKERS/);
  });
  it('runs two worker batches at once by default (PostgreSQL uses it; SQLite runs one)', () => {
    expect(loadConfig({}).workerConcurrency).toBe(2);
    expect(loadConfig({ WORKER_CONCURRENCY: '4' }).workerConcurrency).toBe(4);
    expect(() => loadConfig({ WORKER_CONCURRENCY: '0' })).toThrow(/WORKER_CONCURRENCY/);
  });
  it('claims every workspace at once unless told to claim one workspace per statement (Citus)', () => {
    expect(loadConfig({}).workerClaimScope).toBe('all');
    expect(loadConfig({ WORKER_CLAIM_SCOPE: 'Workspace' }).workerClaimScope).toBe('workspace');
    expect(() => loadConfig({ WORKER_CLAIM_SCOPE: 'shard' })).toThrow(/WORKER_CLAIM_SCOPE must be one of all, workspace/);
  });
});

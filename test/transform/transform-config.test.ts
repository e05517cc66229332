import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../src/config.ts';

describe('transformation settings', () => {
  it('default to 50 ms, 32 MB and two processes', () => {
    const config = loadConfig({});
    expect([config.transformTimeoutMs, config.transformMemoryMb, config.transformProcesses]).toEqual([50, 32, 2]);
  });

  it('read TRANSFORM_TIMEOUT_MS, TRANSFORM_MEMORY_MB and TRANSFORM_PROCESSES', () => {
    const config = loadConfig({ TRANSFORM_TIMEOUT_MS: '200', TRANSFORM_MEMORY_MB: '64', TRANSFORM_PROCESSES: '4' });
    expect([config.transformTimeoutMs, config.transformMemoryMb, config.transformProcesses]).toEqual([200, 64, 4]);
  });

  it('refuse a heap under the 8 MB isolated-vm accepts, and zero processes', () => {
    expect(() => loadConfig({ TRANSFORM_MEMORY_MB: '4' })).toThrow(ConfigError);
    expect(() => loadConfig({ TRANSFORM_PROCESSES: '0' })).toThrow(/TRANSFORM_PROCESSES/);
    expect(() => loadConfig({ TRANSFORM_TIMEOUT_MS: 'fast' })).toThrow(/TRANSFORM_TIMEOUT_MS/);
  });
});

import { describe, expect, it } from 'vitest';
import { renderEndToEnd, sustained, type CeilingRow, type EndToEndRow } from '../../bench/e2e-report.ts';

const row = (overrides: Partial<EndToEndRow>): EndToEndRow => ({
  dialect: 'sqlite',
  kind: 'track',
  processes: 1,
  eventsPerRequest: 1,
  acknowledged: 100_000,
  canonical: 100_000,
  loadSeconds: 10,
  drainSeconds: 0,
  drained: true,
  backlogAtLoadEnd: 0,
  p50Ms: 2,
  p99Ms: 8,
  failures: 0,
  peakRssBytes: 200 * 2 ** 20,
  cpuSeconds: 5,
  databaseCpuSeconds: 0,
  ...overrides,
});

const ceiling = (kind: CeilingRow['kind'], when: CeilingRow['when'], eventsPerSecond: number): CeilingRow => ({
  kind,
  when,
  requestsPerSecond: kind === 'track' ? eventsPerSecond : eventsPerSecond / 100,
  eventsPerSecond,
  p50Ms: 1,
  p99Ms: 3,
});

const render = (rows: EndToEndRow[], ceilings: CeilingRow[]) =>
  renderEndToEnd({
    rows,
    ceilings,
    settings: { seconds: 10, warmupSeconds: 2, connections: 64, command: 'tsx bench/e2e.ts' },
    machine: 'test machine',
    loadAverage: { start: '0.10', end: '0.20' },
  });

describe('the end-to-end report (bench/e2e-report.ts)', () => {
  it('times a row from the first request until the last event is canonical', () => {
    expect(sustained(row({ acknowledged: 60_000, loadSeconds: 10, drainSeconds: 20 }))).toBe(2_000);
  });

  it('checks single events against the /v1/track ceiling and batches against bare Fastify\'s batch parse rate', () => {
    const markdown = render(
      [
        // 10,000 events/s against a mean ceiling of 20,000: 0.50, p99 8 ms.
        row({}),
        // 1,000,000 events in 10 s + 10 s drain = 50,000 events/s against 500,000 parsed: 0.10.
        row({ kind: 'batch', eventsPerRequest: 100, acknowledged: 1_000_000, canonical: 1_000_000, drainSeconds: 10, backlogAtLoadEnd: 400_000, p99Ms: 90 }),
      ],
      [ceiling('track', 'start', 18_000), ceiling('batch', 'start', 450_000), ceiling('track', 'end', 22_000), ceiling('batch', 'end', 550_000)],
    );
    expect(markdown).toContain('| SQLite FULL, `/v1/track`: ≥ 0.4 of bare Fastify | 0.50 | met |');
    expect(markdown).toContain('| SQLite FULL, `/v1/track`: p99 ≤ 10 ms | 8 ms | met |');
    expect(markdown).toContain('| SQLite FULL, `/v1/batch` of 100: ≥ 0.12 of bare Fastify | 0.10 | **missed** |');
    expect(markdown).toContain('| SQLite FULL, `/v1/batch` of 100: p99 ≤ 100 ms | 90 ms | met |');
    // The processing rate after the load: 400,000 events in 10 s.
    expect(markdown).toMatch(/\| SQLite FULL, `\/v1\/batch` of 100 \| 1,000,000 \| 50,000 \| 0\.10 \| 2 \| 90 \| 10\.0 s \| 40,000 \|/);
  });

  it('gives PostgreSQL\'s processing target from the batch backlog left after the load, and misses a row that never drained', () => {
    const markdown = render(
      [
        row({ dialect: 'postgres', p99Ms: 30, drained: false, drainSeconds: 300 }),
        row({ dialect: 'postgres', kind: 'batch', eventsPerRequest: 100, acknowledged: 1_700_000, canonical: 1_700_000, loadSeconds: 8, drainSeconds: 121, backlogAtLoadEnd: 1_694_000 }),
        // Two processes are shown, never checked against the targets.
        row({ dialect: 'postgres', processes: 2 }),
      ],
      [ceiling('track', 'start', 20_000), ceiling('batch', 'start', 700_000)],
    );
    expect(markdown).toContain('| PostgreSQL, `/v1/track`: ≥ 0.4 of bare Fastify | 0.02 | **missed** |');
    expect(markdown).toContain('(time limit; not all canonical)');
    expect(markdown).toContain('| PostgreSQL processing ≥ 40,000 events/s (the `/v1/batch` backlog after the load) | 14,000 | **missed** |');
    expect(markdown).toContain('| PostgreSQL, `/v1/track`, 2 processes |');
    expect(markdown).not.toContain('2 processes: ≥');
  });
});

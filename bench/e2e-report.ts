/** One end-to-end row: a load run on the default server, then the wait until every event is canonical. */
export interface EndToEndRow {
  dialect: 'sqlite' | 'postgres';
  kind: 'track' | 'batch';
  processes: number;
  eventsPerRequest: number;
  /** Events in 2xx answers during the measured load. */
  acknowledged: number;
  /** Canonical events the run added (should equal `acknowledged`: every message id is new). */
  canonical: number;
  loadSeconds: number;
  /** From the end of the load until the last acknowledged event was canonical. */
  drainSeconds: number;
  /** Whether everything was canonical before the time limit. */
  drained: boolean;
  /** Events still to process when the load stopped, and how fast they were processed with no load. */
  backlogAtLoadEnd: number;
  p50Ms: number;
  p99Ms: number;
  failures: number;
  /** Peak RSS of the largest server process. */
  peakRssBytes: number;
  /** Server CPU seconds (all processes, all threads) from the first request until drained. */
  cpuSeconds: number;
  /** CPU seconds of PostgreSQL's backends serving the servers over the same time (0 on SQLite). */
  databaseCpuSeconds: number;
}

/** Bare Fastify answering the same request, in its own process: the ceiling of a row. */
export interface CeilingRow {
  kind: 'track' | 'batch';
  when: 'start' | 'end';
  requestsPerSecond: number;
  eventsPerSecond: number;
  p50Ms: number;
  p99Ms: number;
}

/** The targets of issue 20, on this machine, as same-run ratios. */
export const E2E_TARGETS = {
  trackRatio: 0.4,
  trackP99Ms: 10,
  batchRatio: 0.12,
  batchP99Ms: 100,
  postgresProcessingEventsPerSecond: 40_000,
} as const;

export const sustained = (row: EndToEndRow) => row.acknowledged / (row.loadSeconds + row.drainSeconds);
export const processingAfterLoad = (row: EndToEndRow) => (row.drainSeconds > 0 ? row.backlogAtLoadEnd / row.drainSeconds : 0);

/** Bare Fastify's events/s for a kind, the mean of the runs at the start and at the end. */
export function ceilingOf(ceilings: CeilingRow[], kind: 'track' | 'batch'): number | undefined {
  const runs = ceilings.filter((row) => row.kind === kind);
  return runs.length ? runs.reduce((sum, row) => sum + row.eventsPerSecond, 0) / runs.length : undefined;
}

export function rowName(row: Pick<EndToEndRow, 'dialect' | 'kind' | 'processes' | 'eventsPerRequest'>): string {
  const database = row.dialect === 'sqlite' ? 'SQLite FULL' : 'PostgreSQL';
  const route = row.kind === 'track' ? '`/v1/track`' : `\`/v1/batch\` of ${row.eventsPerRequest}`;
  return `${database}, ${route}${row.processes > 1 ? `, ${row.processes} processes` : ''}`;
}

function cpuPerEvent(row: EndToEndRow): string {
  const micros = (seconds: number) => ((seconds * 1e6) / Math.max(1, row.acknowledged)).toFixed(1);
  return row.dialect === 'postgres' ? `${micros(row.cpuSeconds)} + ${micros(row.databaseCpuSeconds)}` : micros(row.cpuSeconds);
}

const int = (n: number) => Math.round(n).toLocaleString('en-US');
const mb = (bytes: number) => `${Math.round(bytes / (1024 * 1024))} MB`;
const verdict = (ok: boolean) => (ok ? 'met' : '**missed**');

/** The markdown of bench/e2e-results.md: settings, the table, and each target of issue 20 with its verdict. */
export function renderEndToEnd(input: {
  rows: EndToEndRow[];
  ceilings: CeilingRow[];
  settings: { seconds: number; warmupSeconds: number; connections: number; command: string };
  machine: string;
  loadAverage: { start: string; end: string };
}): string {
  const { rows, ceilings, settings } = input;
  const lines = [
    '# End-to-end benchmark',
    '',
    `Measured ${new Date().toISOString()} by \`${settings.command}\` on ${input.machine}; load average ${input.loadAverage.start} at the start, ${input.loadAverage.end} at the end.`,
    `The default server as \`npm start\` runs it (\`node dist/main.js serve\`, workers on, default settings), on a fresh database per row; ` +
      `autocannon, ${settings.connections} connections, ${settings.warmupSeconds} s warm-up (then processed away), then ${settings.seconds} s measured. ` +
      'Sustained events/s = acknowledged events / (first request → every acknowledged event canonical). ' +
      'The ratio is to bare Fastify answering the same requests in its own process (for batches: the events/s it parses in the same batch body), mean of its runs at the start and the end. ' +
      '"Processing after the load" is the backlog left when the load stopped divided by the drain time: the processing rate with no requests coming in. ' +
      'CPU is the CPU time per acknowledged event, from the first request until drained, of the server processes (all threads) and, on PostgreSQL, of the database backends serving them.',
    '',
    '| run | acknowledged events | sustained events/s | ratio to bare Fastify | p50 ms | p99 ms | drain after the load | processing after the load (events/s) | CPU µs per event: server + database | peak RSS | failed requests |',
    '| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |',
  ];
  for (const ceiling of ceilings) {
    const route = ceiling.kind === 'track' ? '`/v1/track`' : '`/v1/batch`';
    lines.push(`| bare Fastify ${route} (${ceiling.when}) | | ${int(ceiling.eventsPerSecond)} | | ${ceiling.p50Ms} | ${ceiling.p99Ms} | | | | | |`);
  }
  for (const row of rows) {
    const ceiling = ceilingOf(ceilings, row.kind);
    const ratio = ceiling ? (sustained(row) / ceiling).toFixed(2) : '';
    const drain = `${row.drainSeconds.toFixed(1)} s${row.drained ? '' : ' (time limit; not all canonical)'}`;
    const mismatch = row.canonical === row.acknowledged ? '' : ` (${int(row.canonical)} canonical)`;
    lines.push(
      `| ${rowName(row)} | ${int(row.acknowledged)}${mismatch} | ${int(sustained(row))} | ${ratio} | ${row.p50Ms} | ${row.p99Ms} | ${drain} | ${row.backlogAtLoadEnd > 0 ? int(processingAfterLoad(row)) : ''} | ${cpuPerEvent(row)} | ${mb(row.peakRssBytes)} | ${row.failures} |`,
    );
  }
  lines.push('', '| target (issue 20) | measured | |', '| --- | ---: | --- |');
  for (const row of rows.filter((r) => r.processes === 1)) {
    const ceiling = ceilingOf(ceilings, row.kind);
    if (!ceiling) continue;
    const ratio = sustained(row) / ceiling;
    const [minRatio, maxP99] = row.kind === 'track' ? [E2E_TARGETS.trackRatio, E2E_TARGETS.trackP99Ms] : [E2E_TARGETS.batchRatio, E2E_TARGETS.batchP99Ms];
    lines.push(`| ${rowName(row)}: ≥ ${minRatio} of bare Fastify | ${ratio.toFixed(2)} | ${verdict(ratio >= minRatio && row.drained)} |`);
    lines.push(`| ${rowName(row)}: p99 ≤ ${maxP99} ms | ${row.p99Ms} ms | ${verdict(row.p99Ms <= maxP99)} |`);
  }
  const postgresBatch = rows.find((row) => row.dialect === 'postgres' && row.kind === 'batch' && row.processes === 1);
  if (postgresBatch) {
    const rate = processingAfterLoad(postgresBatch);
    lines.push(
      `| PostgreSQL processing ≥ ${int(E2E_TARGETS.postgresProcessingEventsPerSecond)} events/s (the \`/v1/batch\` backlog after the load) | ${int(rate)} | ${verdict(rate >= E2E_TARGETS.postgresProcessingEventsPerSecond)} |`,
    );
  }
  lines.push('');
  return `${lines.join('\n')}\n`;
}

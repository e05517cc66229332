import type { LoadMeasurement } from './load.ts';
import type { DrainMeasurement } from './drain.ts';

export interface ResultRow extends LoadMeasurement {
  name: string;
  eventsPerRequest: number;
  peakRssBytes: number;
}

/** The targets of issue 3, checked against the measured rows. */
export const TARGETS = {
  singleRatioFull: 0.7,
  p99Ms: 10,
  batchEventsPerSecond: 150_000,
  processingEventsPerSecond: 50_000,
  rssBytes: 300 * 1024 * 1024,
} as const;

const int = (n: number) => Math.round(n).toLocaleString('en-US');
const mb = (bytes: number) => `${Math.round(bytes / (1024 * 1024))} MB`;
const verdict = (ok: boolean) => (ok ? 'met' : '**missed**');

/** The markdown written to bench/results.md: settings, the table, and each target with its verdict. */
export function renderResults(input: {
  rows: ResultRow[];
  drain: (DrainMeasurement & { peakRssBytes: number }) | undefined;
  ceiling: number;
  settings: { seconds: number; warmupSeconds: number; connections: number; batchSize: number };
  machine: string;
}): string {
  const { rows, drain, ceiling, settings } = input;
  const lines = [
    '# Ingest benchmark',
    '',
    `Measured ${new Date().toISOString()} by \`npm run bench\` on ${input.machine}.`,
    `autocannon, ${settings.connections} connections, ${settings.warmupSeconds} s warm-up then ${settings.seconds} s per row; ` +
      'every server in its own process; Tributary on SQLite (WAL) with its workers off while ingesting.',
    'The ratio is to the mean of the two ceiling runs. The machine is shared, so absolute numbers move between runs; the ratios are what to compare.',
    '',
    '| run | req/s | events/s | p50 ms | p99 ms | peak RSS | ratio to ceiling | failed requests |',
    '| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |',
  ];
  for (const row of rows) {
    lines.push(
      `| ${row.name} | ${int(row.requestsPerSecond)} | ${int(row.eventsPerSecond)} | ${row.p50Ms} | ${row.p99Ms} | ${mb(row.peakRssBytes)} | ${(row.requestsPerSecond / ceiling).toFixed(2)} | ${row.failures} |`,
    );
  }
  if (drain) {
    lines.push(
      `| processing (inbox → canonical events), FULL | | ${int(drain.eventsPerSecond)} | | | ${mb(drain.peakRssBytes)} | | |`,
      '',
      `Processing: a worker process started on the /v1/batch FULL backlog (${int(drain.backlog)} rows) made ` +
        `${int(drain.processed)} canonical events in ${drain.seconds.toFixed(1)} s` +
        `${drain.finished ? ', the whole backlog' : ' (time limit reached before the backlog was empty)'}.`,
    );
  }
  const single = rows.find((row) => row.name === 'Tributary /v1/track, FULL');
  const batch = rows.find((row) => row.name.startsWith('Tributary /v1/batch') && row.name.endsWith('FULL'));
  const peak = Math.max(...rows.filter((row) => row.name.startsWith('Tributary')).map((row) => row.peakRssBytes), drain?.peakRssBytes ?? 0);
  lines.push('', '| target (issue 3) | measured | |', '| --- | ---: | --- |');
  if (single) {
    const ratio = single.requestsPerSecond / ceiling;
    lines.push(`| /v1/track with FULL ≥ ${TARGETS.singleRatioFull} of the ceiling | ${ratio.toFixed(2)} | ${verdict(ratio >= TARGETS.singleRatioFull)} |`);
    lines.push(`| /v1/track p99 ≤ ${TARGETS.p99Ms} ms | ${single.p99Ms} ms | ${verdict(single.p99Ms <= TARGETS.p99Ms)} |`);
  }
  if (batch) {
    lines.push(
      `| /v1/batch ≥ ${int(TARGETS.batchEventsPerSecond)} events/s | ${int(batch.eventsPerSecond)} | ${verdict(batch.eventsPerSecond >= TARGETS.batchEventsPerSecond)} |`,
    );
  }
  if (drain) {
    lines.push(
      `| processing ≥ ${int(TARGETS.processingEventsPerSecond)} events/s | ${int(drain.eventsPerSecond)} | ${verdict(drain.eventsPerSecond >= TARGETS.processingEventsPerSecond)} |`,
    );
  }
  lines.push(`| RSS ≤ ${mb(TARGETS.rssBytes)} | ${mb(peak)} | ${verdict(peak <= TARGETS.rssBytes)} |`, '');
  return `${lines.join('\n')}\n`;
}

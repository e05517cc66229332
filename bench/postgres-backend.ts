import { readFileSync } from 'node:fs';
import pg from 'pg';
import type { DrainMeasurement } from './drain.ts';

/** Where benchmarks run Tributary on PostgreSQL instead of SQLite (unset: SQLite). */
export const POSTGRES_URL = process.env.BENCH_DATABASE_URL;

let schemas = 0;

/**
 * A fresh schema for one benchmark run on PostgreSQL: the environment that points a server at it,
 * a drain measurement read from it, the CPU time of the backends serving the server, and its
 * removal.
 */
export async function postgresBackend(url: string) {
  const schema = `bench_${process.pid}_${Date.now().toString(36)}_${(schemas += 1)}`;
  const client = new pg.Client({ connectionString: url, options: `-c search_path="${schema}"` });
  await client.connect();
  const version = ((await client.query<{ server_version: string }>('show server_version')).rows[0]?.server_version ?? '?').split(' ')[0]!;
  const count = async (text: string) => Number((await client.query<{ n: string }>(text)).rows[0]?.n ?? 0);
  // The server's connections carry this name, so their backends' CPU time can be told apart from
  // every other session's on a shared PostgreSQL.
  const applicationName = schema;
  const serverUrl = new URL(url);
  serverUrl.searchParams.set('application_name', applicationName);
  /** CPU seconds used so far by each backend (process) serving the server's connections. */
  const backendCpu = async (): Promise<Map<number, number>> => {
    const { rows } = await client.query<{ pid: number }>('select pid from pg_stat_activity where application_name = $1', [applicationName]);
    const cpu = new Map<number, number>();
    for (const { pid } of rows) {
      try {
        cpu.set(pid, procCpuSeconds(pid));
      } catch {
        // The backend ended between the query and the read.
      }
    }
    return cpu;
  };
  let cpuAtStart = new Map<number, number>();
  return {
    schema,
    version,
    env: { DATABASE_URL: serverUrl.toString(), DATABASE_SCHEMA: schema },
    /**
     * PostgreSQL's CPU seconds (its backends serving the server, on this machine) since the
     * measurement began; backends that ended meanwhile are missed (the pool keeps them while busy).
     */
    async backendCpuSeconds(): Promise<number> {
      let total = 0;
      for (const [pid, seconds] of await backendCpu()) total += seconds - (cpuAtStart.get(pid) ?? 0);
      return total;
    },
    /**
     * Watches a worker process turn the backlog into canonical events. `count(*)` of `events`
     * scans the table (PostgreSQL keeps no row count), tens of milliseconds per million rows:
     * small against a drain of seconds.
     */
    async measureDrain(options: { maxSeconds: number; pollMs: number }): Promise<DrainMeasurement> {
      const inbox = await count('select count(*) as n from inbox');
      const journal = await count('select coalesce(sum(event_count), 0) as n from inbox_journal');
      const total = inbox + journal;
      cpuAtStart = await backendCpu();
      const startedAt = performance.now();
      const start = await count('select count(*) as n from events');
      let last = start;
      let lastAt = startedAt;
      while (last < total && lastAt - startedAt < options.maxSeconds * 1000) {
        await new Promise((resolve) => setTimeout(resolve, options.pollMs));
        last = await count('select count(*) as n from events');
        lastAt = performance.now();
      }
      const seconds = (lastAt - startedAt) / 1000;
      const processed = last - start;
      return { backlog: total - start, processed, seconds, eventsPerSecond: seconds > 0 ? processed / seconds : 0, finished: last >= total };
    },
    async drop(): Promise<void> {
      try {
        await client.query(`drop schema if exists "${schema}" cascade`);
      } finally {
        await client.end();
      }
    },
  };
}

/** CPU seconds (user + system) a process has used so far, from /proc (Linux). */
function procCpuSeconds(pid: number): number {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
  return (Number(fields[11]) + Number(fields[12])) / 100;
}

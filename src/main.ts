import { ConfigError, loadConfig } from './config.ts';
import { migrateToLatest, openDatabase } from './db/index.ts';
import { BackupError, backupSqlite, restoreSqlite } from './db/sqlite-backup.ts';
import { printBanner, printUnshownCredentials } from './banner.ts';
import { createRuntime } from './runtime.ts';
import { outcomeResource, runHeartbeat } from './attribution/distributions/index.ts';
import { defaultRetention, prune, PRUNED_TABLES } from './retention/index.ts';

const USAGE = `Usage: tributary <command>

Commands:
  serve     Start the HTTP API and the workers (default)
  migrate   Bring the database schema up to date and exit
  backup <file>
            Copy the SQLite database to <file> while servers keep running (a new file)
  restore <file>
            Put a backup in place as the database of DATA_DIR, which must hold none yet
  prune [--dry-run] [--workspace <id>] [--at <ISO time>]
            Delete now what each workspace's retention settings say is too old (as of --at,
            default now), in small batches beside running servers; prints, per workspace, the
            rows deleted from each table (--dry-run: the rows that would be, deleting nothing)
  distributions run [--at <ISO time>]
            Run the distribution heartbeat once: every active distribution's last ended
            period (at --at, default now) that no process has run yet; prints each run as JSON

Settings come from the environment: PORT, HOST, DATA_DIR, DATABASE_URL, TRIBUTARY_ADMIN_TOKEN,
SQLITE_SYNCHRONOUS, WORKERS, LOG_LEVEL … (see README.md).`;

async function serve(): Promise<void> {
  const config = loadConfig();
  const runtime = await createRuntime(config);
  let url: string;
  try {
    url = await runtime.listen();
  } catch (error) {
    printUnshownCredentials(runtime);
    await runtime.close().catch(() => {});
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'EADDRINUSE' || code === 'EACCES' || code === 'EADDRNOTAVAIL') {
      throw new ConfigError(`cannot listen on ${config.host}:${config.port}: ${(error as Error).message}; set PORT (and HOST) to a free address`);
    }
    throw error;
  }
  printBanner(runtime, url);
  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    runtime.services.logger.info({ signal, timeoutMs: config.shutdownTimeoutMs }, 'shutting down');
    const force = setTimeout(() => {
      runtime.services.logger.error({ timeoutMs: config.shutdownTimeoutMs }, 'shutdown took longer than SHUTDOWN_TIMEOUT_MS: exiting anyway');
      process.exit(1);
    }, config.shutdownTimeoutMs);
    force.unref();
    try {
      await runtime.shutdown();
      process.exit(0);
    } catch (error) {
      runtime.services.logger.error({ err: error }, 'shutdown failed');
      process.exit(1);
    }
  };
  process.on('SIGINT', () => void stop('SIGINT'));
  process.on('SIGTERM', () => void stop('SIGTERM'));
}

async function migrate(): Promise<void> {
  const db = await openDatabase(loadConfig());
  try {
    const result = await migrateToLatest(db);
    for (const r of result.results ?? []) console.log(`${r.status}: ${r.migrationName}`);
    console.log(`schema up to date (${db.location})`);
  } finally {
    await db.close();
  }
}

/** `distributions run`: the heartbeat by hand. A period another process already ran is skipped. */
async function runDistributions(args: string[]): Promise<void> {
  if (args[0] !== 'run' || (args.length !== 1 && (args.length !== 3 || args[1] !== '--at'))) {
    console.error(`Usage: tributary distributions run [--at <ISO time>]`);
    process.exitCode = 2;
    return;
  }
  const at = args[2] === undefined ? Date.now() : Date.parse(args[2]);
  if (Number.isNaN(at)) {
    console.error(`--at must be an ISO 8601 time, not ${JSON.stringify(args[2])}`);
    process.exitCode = 2;
    return;
  }
  // The full runtime, workers off: plugin and webhook listeners see the events as they do in serve.
  const runtime = await createRuntime(loadConfig(process.env, { runWorkers: false }));
  try {
    const outcomes = await runHeartbeat(runtime.services.db, runtime.services.attribution, at);
    for (const outcome of outcomes) console.log(JSON.stringify(outcomeResource(outcome)));
    console.error(`${outcomes.length} distribution period${outcomes.length === 1 ? '' : 's'} run`);
  } finally {
    await runtime.close();
  }
}

/** `prune`: one retention round by hand, or a dry run of one. */
async function runPrune(args: string[]): Promise<void> {
  const usage = () => {
    console.error('Usage: tributary prune [--dry-run] [--workspace <id>] [--at <ISO time>]');
    process.exitCode = 2;
  };
  let dryRun = false;
  let workspaceId: string | undefined;
  let at = Date.now();
  for (let i = 0; i < args.length; i += 1) {
    const arg = args[i]!;
    if (arg === '--dry-run') dryRun = true;
    else if (arg === '--workspace' && args[i + 1] !== undefined) workspaceId = args[(i += 1)];
    else if (arg === '--at' && args[i + 1] !== undefined) {
      at = Date.parse(args[(i += 1)]!);
      if (Number.isNaN(at)) {
        console.error(`--at must be an ISO 8601 time, not ${JSON.stringify(args[i])}`);
        process.exitCode = 2;
        return;
      }
    } else return usage();
  }
  const config = loadConfig();
  const db = await openDatabase(config);
  try {
    await migrateToLatest(db);
    const results = await prune(db, {
      now: at,
      dryRun,
      workspaceId,
      batchSize: config.retentionBatchSize,
      defaults: defaultRetention(config.forwardRetentionMs / 86_400_000),
      dedupeWindowMs: config.dedupeWindowMs,
      pause: (batchMs) => new Promise((resolve) => setTimeout(resolve, Math.max(config.retentionPauseMs, batchMs))),
    });
    if (workspaceId !== undefined && results.length === 0) {
      console.error(`No workspace ${JSON.stringify(workspaceId)}.`);
      process.exitCode = 1;
      return;
    }
    for (const result of results) console.log(JSON.stringify({ workspace_id: result.workspaceId, dry_run: dryRun, [dryRun ? 'would_delete' : 'deleted']: result.counts }));
    const total = results.reduce((sum, result) => sum + PRUNED_TABLES.reduce((n, table) => n + result.counts[table], 0), 0);
    console.error(`${total} row${total === 1 ? '' : 's'} ${dryRun ? 'would be deleted' : 'deleted'} in ${results.length} workspace${results.length === 1 ? '' : 's'}`);
  } finally {
    await db.close();
  }
}

/** `backup <file>` and `restore <file>`: SQLite's; PostgreSQL has pg_dump and pg_restore. */
async function backupOrRestore(command: 'backup' | 'restore', args: string[]): Promise<void> {
  if (args.length !== 1 || args[0]!.startsWith('-')) {
    console.error(`Usage: tributary ${command} <file>`);
    process.exitCode = 2;
    return;
  }
  const config = loadConfig();
  if (config.databaseUrl) {
    console.error(`${command} copies the embedded SQLite database; with DATABASE_URL use pg_dump and pg_restore (see docs/operations.md).`);
    process.exitCode = 2;
    return;
  }
  try {
    const result = command === 'backup' ? await backupSqlite(config.dataDir, args[0]!) : restoreSqlite(args[0]!, config.dataDir);
    console.log(JSON.stringify({ [command === 'backup' ? 'backup' : 'restored']: result.file, bytes: result.bytes, inbox_rows: result.inboxRows, journal_requests: result.journalRequests }));
  } catch (error) {
    if (!(error instanceof BackupError)) throw error;
    console.error(`${command} failed: ${error.message}`);
    process.exitCode = 1;
  }
}

async function main(argv: string[]): Promise<void> {
  const command = argv[0] ?? 'serve';
  if (command === 'backup' || command === 'restore') return backupOrRestore(command, argv.slice(1));
  if (command === 'serve') return serve();
  if (command === 'migrate') return migrate();
  if (command === 'distributions') return runDistributions(argv.slice(1));
  if (command === 'prune') return runPrune(argv.slice(1));
  if (command === 'help' || command === '--help' || command === '-h') {
    console.log(USAGE);
    return;
  }
  console.error(`Unknown command "${command}".\n\n${USAGE}`);
  process.exitCode = 2;
}

main(process.argv.slice(2)).catch((error: unknown) => {
  if (error instanceof ConfigError) console.error(`Configuration error: ${error.message}`);
  else console.error(error);
  process.exit(1);
});

/**
 * Builds the web console (console/ → console/dist) when the build is missing or stale, so that
 * `npm install && npm start` and `npm test` just work. Staleness is a SHA-256 over every console
 * source file and the lockfile, compared with the stamp the last build wrote: an up-to-date check
 * reads a few dozen small files and takes milliseconds.
 *
 * Run directly (`tsx scripts/build-console.ts [--force] [--soft]`) or import `ensureConsoleBuild()`.
 */
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { closeSync, existsSync, openSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const CONSOLE = join(ROOT, 'console');
/** Where the server looks for the built console. */
export const CONSOLE_DIST = join(CONSOLE, 'dist');
const STAMP = join(CONSOLE_DIST, '.source-hash');
const INPUTS = ['index.html', 'vite.config.ts', 'tsconfig.json', 'src', 'public'];

/** A file as itself, a directory as every file under it. */
export function filesOf(path: string): string[] {
  if (!existsSync(path)) return [];
  if (!statSync(path).isDirectory()) return [path];
  return readdirSync(path).flatMap((name) => filesOf(join(path, name)));
}

/** The hash of everything the build reads: console sources and the locked dependency versions. */
export function consoleSourceHash(): string {
  const hash = createHash('sha256');
  const files = [...INPUTS.flatMap((input) => filesOf(join(CONSOLE, input))), join(ROOT, 'package-lock.json')];
  for (const file of files.sort()) {
    hash.update(relative(ROOT, file)).update('\0').update(readFileSync(file)).update('\0');
  }
  return hash.digest('hex');
}

/** True when console/dist was built from the current sources. */
export function consoleBuildIsFresh(): boolean {
  return existsSync(join(CONSOLE_DIST, 'index.html')) && existsSync(STAMP) && readFileSync(STAMP, 'utf8').trim() === consoleSourceHash();
}

const lockFile = (what: string) => join(tmpdir(), `tributary-${what}-build-${createHash('sha256').update(ROOT).digest('hex').slice(0, 12)}.lock`);
/** A lock older than this was left by a build that died; a real build takes seconds. */
const STALE_LOCK_MS = 120_000;

/**
 * One build of `what` at a time per checkout: test files run in parallel processes and each makes
 * sure the console is built, so the first takes a lock file and the others wait, then find the
 * build fresh.
 */
export async function withBuildLock<T>(what: string, work: () => Promise<T>): Promise<T> {
  const LOCK = lockFile(what);
  for (;;) {
    try {
      closeSync(openSync(LOCK, 'wx'));
      break;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      try {
        if (Date.now() - statSync(LOCK).mtimeMs > STALE_LOCK_MS) rmSync(LOCK, { force: true });
      } catch {
        // The holder just released it: try again.
      }
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
  }
  try {
    return await work();
  } finally {
    rmSync(LOCK, { force: true });
  }
}

/** Builds the console unless the build is fresh; answers whether it built. */
export async function ensureConsoleBuild(options: { force?: boolean; quiet?: boolean; inProcess?: boolean } = {}): Promise<boolean> {
  if (!options.force && consoleBuildIsFresh()) return false;
  // The child a caller spawns (below) runs under the caller's lock.
  const locked = process.env.TRIBUTARY_BUILD_LOCK_HELD === '1' ? (_what: string, work: () => Promise<boolean>) => work() : withBuildLock;
  return locked('console', async () => {
    if (!options.force && consoleBuildIsFresh()) return false;
    const started = Date.now();
    if (options.inProcess) {
      // Imported only when needed: an up-to-date check must not pay for loading Vite.
      const { build } = await import('vite');
      await build({ configFile: join(CONSOLE, 'vite.config.ts'), logLevel: options.quiet ? 'silent' : 'warn' });
    } else {
      // From a test or the server: in a child process, so Vite's helper processes and their pipes
      // end with it instead of outliving the build in the caller (the leak guard saw them).
      const child = spawnSync(process.execPath, ['--import', 'tsx', fileURLToPath(import.meta.url), '--force', ...(options.quiet ? ['--quiet'] : [])], {
        stdio: options.quiet ? ['ignore', 'ignore', 'inherit'] : 'inherit',
        env: { ...process.env, TRIBUTARY_BUILD_LOCK_HELD: '1' },
      });
      if (child.status !== 0) throw new Error(`console build failed (exit ${child.status ?? child.signal})`);
    }
    writeFileSync(STAMP, `${consoleSourceHash()}\n`);
    if (!options.quiet) console.log(`console built in ${((Date.now() - started) / 1000).toFixed(1)} s → ${relative(ROOT, CONSOLE_DIST)}`);
    return true;
  });
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  // `--soft` (npm's `prepare`): a console that fails to build must not fail installing the
  // dependencies; `prestart` and `pretest` run again without it and stop there, loudly.
  const soft = process.argv.includes('--soft');
  ensureConsoleBuild({ force: process.argv.includes('--force'), quiet: process.argv.includes('--quiet'), inProcess: true }).catch((error: unknown) => {
    console.error(soft ? 'console build failed (the server will build it again on start):' : 'console build failed:', error);
    process.exit(soft ? 0 : 1);
  });
}

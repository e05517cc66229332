/**
 * Compiles the server (src/ → dist/) when the build is missing or stale, so that `npm start` runs
 * plain JavaScript: one `node` process, which receives the signals sent to it (a `tsx` launcher
 * sits between npm and the server and did not pass SIGTERM on), and no TypeScript compile at each
 * start. Staleness is a SHA-256 over src/, the build's tsconfig files and the lockfile, compared
 * with the stamp the last build wrote. `npm run dev` keeps running the sources with tsx.
 *
 * Run directly (`tsx scripts/build-server.ts [--force] [--soft]`) or import `ensureServerBuild()`.
 */
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { filesOf, withBuildLock } from './build-console.ts';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
export const SERVER_DIST = join(ROOT, 'dist');
const STAMP = join(SERVER_DIST, '.source-hash');

function serverSourceHash(): string {
  const hash = createHash('sha256');
  const files = [...filesOf(join(ROOT, 'src')), join(ROOT, 'tsconfig.json'), join(ROOT, 'tsconfig.build.json'), join(ROOT, 'package-lock.json')];
  for (const file of files.sort()) hash.update(relative(ROOT, file)).update('\0').update(readFileSync(file)).update('\0');
  return hash.digest('hex');
}

function serverBuildIsFresh(): boolean {
  return existsSync(join(SERVER_DIST, 'main.js')) && existsSync(STAMP) && readFileSync(STAMP, 'utf8').trim() === serverSourceHash();
}

/** Builds the server unless the build is fresh; answers whether it built. */
export async function ensureServerBuild(options: { force?: boolean } = {}): Promise<boolean> {
  if (!options.force && serverBuildIsFresh()) return false;
  return withBuildLock('server', async () => {
    if (!options.force && serverBuildIsFresh()) return false;
    const started = Date.now();
    // A file removed from src/ must not live on in dist/.
    rmSync(SERVER_DIST, { recursive: true, force: true });
    const tsc = createRequire(import.meta.url).resolve('typescript/bin/tsc');
    execFileSync(process.execPath, [tsc, '-p', join(ROOT, 'tsconfig.build.json')], { cwd: ROOT, stdio: 'inherit' });
    writeFileSync(STAMP, `${serverSourceHash()}\n`);
    console.log(`server built in ${((Date.now() - started) / 1000).toFixed(1)} s → ${relative(ROOT, SERVER_DIST)}`);
    return true;
  });
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  // `--soft` (npm's `prepare`): a failed build must not fail installing the dependencies;
  // `prestart` runs it again without `--soft` and stops there, loudly.
  const soft = process.argv.includes('--soft');
  ensureServerBuild({ force: process.argv.includes('--force') }).catch((error: unknown) => {
    console.error(soft ? 'server build failed (npm start will build it again):' : 'server build failed:', error instanceof Error ? error.message : error);
    process.exit(soft ? 0 : 1);
  });
}

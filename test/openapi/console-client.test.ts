import { execFile } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';

const SCRIPT = fileURLToPath(new URL('../../scripts/openapi-generate.ts', import.meta.url));
const SCHEMA = fileURLToPath(new URL('../../console/src/api/schema.d.ts', import.meta.url));

/**
 * Runs the generator's `--check` in a child process: openapi-typescript opens a standard stream
 * when it loads, which the leak guard would count against this file.
 */
async function check(): Promise<{ code: number; stderr: string }> {
  try {
    await promisify(execFile)(process.execPath, ['--import', 'tsx', SCRIPT, '--check'], { timeout: 60_000 });
    return { code: 0, stderr: '' };
  } catch (error) {
    const failed = error as { code?: number; stderr?: string };
    return { code: failed.code ?? -1, stderr: failed.stderr ?? '' };
  }
}

/**
 * The console's client is typed from /openapi.json (console/src/api/schema.d.ts, committed). When
 * a route's description changes, the file must be generated again (`npm run openapi:generate`),
 * or the console would be type-checked against an API that no longer exists.
 */
describe("the console's generated API types", () => {
  const original = readFileSync(SCHEMA, 'utf8');
  afterAll(() => writeFileSync(SCHEMA, original));

  it('are what the current document generates', async () => {
    expect(await check()).toEqual({ code: 0, stderr: '' });
  });

  it('are reported stale, with the command to run, once they differ from the document', async () => {
    writeFileSync(SCHEMA, `${original}export type Stale = true;\n`);
    try {
      const result = await check();
      expect(result.code).toBe(1);
      expect(result.stderr).toContain('npm run openapi:generate');
    } finally {
      writeFileSync(SCHEMA, original);
    }
  });
});

/**
 * Regenerates the console's API types (console/src/api/schema.d.ts) from the OpenAPI document the
 * server serves: `npm run openapi:generate`. The document comes from a real runtime on a
 * throw-away SQLite database (the routes register as in `serve`); `openapi-typescript` turns it
 * into `paths` and `components` types that `openapi-fetch` reads.
 *
 * `--check` writes nothing and exits 1 when the committed file differs from what this generates:
 * `test/openapi/console-client.test.ts` runs it, so a route change that the console's types do not
 * know about cannot go unnoticed.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import openapiTS, { astToString } from 'openapi-typescript';
import pino from 'pino';
import { loadConfig } from '../src/config.ts';
import { createRuntime } from '../src/runtime.ts';

export const CONSOLE_SCHEMA = fileURLToPath(new URL('../console/src/api/schema.d.ts', import.meta.url));

const HEADER = `/**
 * Generated from /openapi.json by \`npm run openapi:generate\` (openapi-typescript). Do not edit:
 * change the route's description (docs/api.md) and generate again.
 */

`;

/** The TypeScript the console's client is typed with, for a document. */
export async function consoleTypesFrom(document: object): Promise<string> {
  const ast = await openapiTS(document as Parameters<typeof openapiTS>[0], { alphabetize: true });
  return HEADER + astToString(ast);
}

/** The document of a runtime with the default settings, on a temporary database. */
export async function currentDocument(): Promise<object> {
  const dir = mkdtempSync(join(tmpdir(), 'tributary-openapi-'));
  try {
    const config = loadConfig({ DATA_DIR: dir, PORT: '0' });
    const runtime = await createRuntime(config, { logger: pino({ level: 'silent' }) });
    try {
      await runtime.app.ready();
      return runtime.app.swagger() as object;
    } finally {
      await runtime.close();
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const generated = await consoleTypesFrom(await currentDocument());
  if (process.argv.includes('--check')) {
    if (readFileSync(CONSOLE_SCHEMA, 'utf8') !== generated) {
      console.error(`${CONSOLE_SCHEMA} is stale: run \`npm run openapi:generate\` and commit it.`);
      process.exitCode = 1;
    }
  } else {
    writeFileSync(CONSOLE_SCHEMA, generated);
    console.log(`wrote ${CONSOLE_SCHEMA}`);
  }
}

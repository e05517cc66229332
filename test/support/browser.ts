import { existsSync, readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { dirname, join } from 'node:path';
import { createRequire } from 'node:module';
import { chromium, type Browser, type Page } from 'playwright-core';

/** Debian's Chromium, as CI installs it (`apt-get install -y chromium`); never a downloaded build. */
export const CHROMIUM_PATH = '/usr/bin/chromium';

/**
 * Launches headless Chromium that resolves no host but 127.0.0.1. A missing browser is an error, not a skip: a suite that quietly
 * stops testing the browser SDK would claim a compatibility nobody checked.
 */
export async function launchChromium(): Promise<Browser> {
  if (!existsSync(CHROMIUM_PATH)) {
    throw new Error(`Chromium is missing at ${CHROMIUM_PATH}: install it with \`apt-get install -y chromium\`.`);
  }
  return chromium.launch({
    executablePath: CHROMIUM_PATH,
    headless: true,
    // Only loopback resolves: a page under test cannot reach the internet, and a test shows it
    // by the failed request rather than by a hang or a dependency on the network.
    args: ['--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1'],
  });
}

/**
 * A new page of the console at `base`, signed in with `token` (and `workspaceId`, which an API key
 * needs) and on the Overview; page errors are printed, so a crash in the page shows in the test log.
 */
export async function signedInConsole(
  browser: Browser,
  base: string,
  credentials: { token: string; workspaceId: string },
  viewport = { width: 1280, height: 800 },
): Promise<Page> {
  const context = await browser.newContext({ viewport });
  context.setDefaultTimeout(15_000);
  const page = await context.newPage();
  page.on('pageerror', (error) => console.error('page error:', error.message));
  await page.goto(`${base}/`);
  await page.getByLabel('Operator token or API key').fill(credentials.token);
  await page.getByLabel('Workspace id (needed with an API key)').fill(credentials.workspaceId);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByRole('heading', { name: 'Overview' }).waitFor();
  return page;
}

export interface StaticSite {
  /** The site's origin, e.g. `http://127.0.0.1:41234`. */
  readonly url: string;
  close(): Promise<void>;
}

/**
 * A tiny HTTP server for test pages, on its own port so that the page's origin differs from the
 * API's, as it does for a real site: what the browser SDK does then crosses origins (CORS).
 * `files` maps a path to its content type and body.
 */
export async function serveStatic(files: Record<string, { type: string; body: string | Buffer }>): Promise<StaticSite> {
  const server: Server = createServer((request, response) => {
    const path = new URL(request.url ?? '/', 'http://localhost').pathname;
    const file = files[path];
    if (!file) {
      response.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
      return;
    }
    response.writeHead(200, { 'content-type': file.type, 'cache-control': 'no-store' }).end(file.body);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((error) => (error ? reject(error) : resolve()));
      }),
  };
}

/**
 * The UMD build of `@segment/analytics-next` (it defines `window.AnalyticsNext.AnalyticsBrowser`),
 * read from node_modules exactly as published.
 */
export function analyticsNextBundle(): { source: string; version: string } {
  const require = createRequire(import.meta.url);
  const packageJson = require.resolve('@segment/analytics-next/package.json');
  const version = (JSON.parse(readFileSync(packageJson, 'utf8')) as { version: string }).version;
  const source = readFileSync(join(dirname(packageJson), 'dist', 'umd', 'index.js'), 'utf8');
  return { source, version };
}

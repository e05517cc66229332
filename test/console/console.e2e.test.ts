import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureConsoleBuild } from '../../scripts/build-console.ts';
import { launchChromium } from '../support/browser.ts';
import { bearer, startTestServer, waitFor, type TestServer } from '../support/harness.ts';

const SCREENSHOTS = fileURLToPath(new URL('../../docs/screenshots/', import.meta.url));

/** A webhook receiver that answers whatever status the test sets, and counts what it got. */
async function startReceiver(): Promise<{ url: string; status: { code: number }; received: unknown[]; close: () => Promise<void> }> {
  const status = { code: 503 };
  const received: unknown[] = [];
  const server: Server = createServer((request, response) => {
    let body = '';
    request.on('data', (chunk: Buffer) => (body += chunk.toString()));
    request.on('end', () => {
      received.push(JSON.parse(body || 'null'));
      response.writeHead(status.code, { 'content-type': 'application/json' }).end('{}');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/hook`,
    status,
    received,
    close: () => new Promise<void>((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    }),
  };
}

/**
 * The console in a real browser against a real server (SQLite): every step a user takes, checked
 * through what the page shows, with a screenshot of each page for docs/screenshots.
 */
describe('web console (Chromium, SQLite)', () => {
  let server: TestServer;
  let base: string;
  let browser: Browser;
  let page: Page;
  let receiver: Awaited<ReturnType<typeof startReceiver>>;
  const api = (method: string, path: string, payload?: unknown, headers: Record<string, string> = {}) =>
    server.inject({
      method: method as 'GET',
      url: path,
      headers: { authorization: bearer(server.operatorToken), ...(payload === undefined ? {} : { 'content-type': 'application/json' }), ...headers },
      ...(payload === undefined ? {} : { payload: JSON.stringify(payload) }),
    });
  const ws = () => `/api/v1/workspaces/${server.workspaceId}`;
  const shot = (name: string) => page.screenshot({ path: join(SCREENSHOTS, `${name}.png`), fullPage: false });

  beforeAll(async () => {
    await ensureConsoleBuild({ quiet: true });
    // A retry budget of 1 ms makes the first failed delivery a dead letter at once.
    server = await startTestServer('sqlite', { forwardAllowPrivateTargets: true, forwardRetryBudgetMs: 1 });
    base = await server.listen();
    receiver = await startReceiver();
    browser = await launchChromium();
    const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
    // Fail a step in seconds with the locator that was missing, well inside the test timeout.
    context.setDefaultTimeout(8000);
    page = await context.newPage();
    page.on('pageerror', (error) => console.error('page error:', error.message));
  });

  afterAll(async () => {
    await browser?.close();
    await receiver?.close();
    await server?.close();
  });

  it('signs in with the operator token, keeps it out of the URL, and picks a workspace', async () => {
    await page.goto(`${base}/`);
    await page.getByLabel('Operator token or API key').fill('wrong-token-wrong-token');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await expect(page.getByRole('alert').textContent()).resolves.toContain('unauthorized');
    await shot('sign-in');

    await page.getByLabel('Operator token or API key').fill(server.operatorToken);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('heading', { name: 'Pick a workspace' }).waitFor();
    await page.getByRole('button', { name: /default/i }).click();
    await page.getByRole('heading', { name: 'Overview' }).waitFor();
    expect(page.url()).not.toContain(server.operatorToken);
    const stored = await page.evaluate(() => sessionStorage.getItem('tributary.session'));
    expect(stored).toContain(server.operatorToken);
    await page.getByText('No events in the last 24 hours.').waitFor();
  });

  it('shows events sent over HTTP in the live list as they arrive, and opens one', async () => {
    await page.getByRole('link', { name: 'Live' }).click();
    await page.getByText('● connected').waitFor();
    for (const [index, name] of ['signup', 'purchase_completed'].entries()) {
      const response = await server.inject({
        method: 'POST',
        url: `${ws()}/events/track`,
        headers: { authorization: bearer(server.writeKey), 'x-workspace-id': server.workspaceId, 'content-type': 'application/json' },
        payload: JSON.stringify({ event: name, user_id: `user-${index}`, properties: { total: 10 + index } }),
      });
      expect(response.statusCode).toBe(202);
    }
    await page.getByRole('button', { name: 'purchase_completed' }).waitFor();
    await page.getByRole('button', { name: 'signup' }).click();
    const detail = page.getByRole('complementary', { name: 'Event detail' });
    await detail.getByText('No contract matched this event.').waitFor();
    expect(await detail.textContent()).toContain('"user_id": "user-0"');
    await shot('live');
  });
});

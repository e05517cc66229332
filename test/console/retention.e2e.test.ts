import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureConsoleBuild } from '../../scripts/build-console.ts';
import { launchChromium, signedInConsole } from '../support/browser.ts';
import { bearer, startTestServer, type TestServer } from '../support/harness.ts';

/** Issue 16 §3: the console's Retention page reads and changes the workspace's settings. */
describe('console retention page (Chromium, SQLite)', { timeout: 90_000 }, () => {
  let server: TestServer;
  let base: string;
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    await ensureConsoleBuild({ quiet: true });
    server = await startTestServer('sqlite');
    base = await server.listen();
    browser = await launchChromium();
    page = await signedInConsole(browser, base, { token: server.operatorToken, workspaceId: server.workspaceId }, { width: 1280, height: 800 });
  });

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('shows the defaults, saves changed days and "keep for ever", and says so', async () => {
    await page.getByRole('link', { name: 'Retention' }).click();
    const form = page.getByRole('form', { name: 'Retention' });
    const events = form.getByLabel('Canonical events (days)');
    await events.waitFor();
    expect(await events.inputValue()).toBe('90');
    expect(await form.getByLabel('Finished deliveries (days)').inputValue()).toBe('30');
    expect(await form.locator('input[name="volume_days_forever"]').isChecked()).toBe(true);
    await page.getByText('never deleted by retention').waitFor();

    await events.fill('30');
    await form.locator('input[name="deliveries_days_forever"]').check();
    await form.locator('input[name="volume_days_forever"]').uncheck();
    await form.getByLabel('Hourly volume (days)').fill('400');
    await form.getByRole('button', { name: 'Save' }).click();
    await form.getByText('Retention saved').waitFor();

    const res = await server.inject({ method: 'GET', url: `/api/v1/workspaces/${server.workspaceId}/retention-settings`, headers: { authorization: bearer(server.operatorToken) } });
    expect(res.json()).toMatchObject({ events_days: 30, inbox_days: 90, deliveries_days: null, violations_days: 30, volume_days: 400 });
    await form.getByText(/^Changed /).waitFor();
  });
});

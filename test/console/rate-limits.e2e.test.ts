import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureConsoleBuild } from '../../scripts/build-console.ts';
import { launchChromium } from '../support/browser.ts';
import { bearer, createApiKey, startTestServer, type TestServer } from '../support/harness.ts';

/** Issue 16 §5: the console shows a workspace's rate limits, and the operator changes them there. */
describe('console rate limits (Chromium, SQLite)', { timeout: 90_000 }, () => {
  let server: TestServer;
  let base: string;
  let browser: Browser;
  let context: BrowserContext;

  const signIn = async (token: string): Promise<Page> => {
    const page = await context.newPage();
    page.on('pageerror', (error) => console.error('page error:', error.message));
    await page.goto(`${base}/`);
    await page.evaluate(() => sessionStorage.clear());
    await page.getByLabel('Operator token or API key').fill(token);
    await page.getByLabel('Workspace id (needed with an API key)').fill(server.workspaceId);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('heading', { name: 'Overview' }).waitFor();
    await page.goto(`${base}/w/${server.workspaceId}/write-keys`);
    return page;
  };
  const limits = async () =>
    (await server.inject({ method: 'GET', url: `/api/v1/workspaces/${server.workspaceId}/settings/rate-limits`, headers: { authorization: bearer(server.operatorToken) } })).json();

  beforeAll(async () => {
    await ensureConsoleBuild({ quiet: true });
    server = await startTestServer('sqlite');
    base = await server.listen();
    browser = await launchChromium();
    context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
    context.setDefaultTimeout(15_000);
  });

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('lets the operator set a limit for write keys, shows it, and lists the fields the server refuses', async () => {
    const page = await signIn(server.operatorToken);
    const table = page.getByRole('table', { name: 'Rate limits' });
    await table.getByText('server default').first().waitFor();
    expect(await table.getByText('not limited').count()).toBe(2);

    const form = page.getByRole('form', { name: 'Change rate limits' });
    await form.getByLabel('Each write key: use').selectOption('own');
    await form.getByLabel('Each write key: requests per second').fill('5');
    await form.getByLabel('Each write key: burst').fill('10');
    await form.getByRole('button', { name: 'Save rate limits' }).click();
    await form.getByRole('status').getByText('write keys 5 requests/s, bursts of 10').waitFor();
    await table.getByText('this workspace').waitFor();
    expect(await limits()).toMatchObject({ write_key: { per_second: 5, burst: 10, source: 'workspace' }, api_key: { source: 'default' } });

    await form.getByLabel('Each API key: use').selectOption('own');
    await form.getByLabel('Each API key: requests per second').fill('lots');
    await form.getByLabel('Each API key: burst').fill('0');
    await form.getByRole('button', { name: 'Save rate limits' }).click();
    const alert = form.getByRole('alert');
    await alert.getByText('validation_failed').waitFor();
    expect(await alert.textContent()).toContain('api_key.per_second');
    expect(await alert.textContent()).toContain('api_key.burst');
    expect((await limits()).api_key.source).toBe('default');
    await page.close();
  });

  it('shows an admin key the limits, without a form it could not use, and says why', async () => {
    const key = await createApiKey(server, { label: 'workspace admin', scopes: ['admin'] });
    const page = await signIn(key);
    await page.getByRole('table', { name: 'Rate limits' }).getByText('this workspace').waitFor();
    await page.getByText(/Only the operator token changes rate limits/).waitFor();
    expect(await page.getByRole('form', { name: 'Change rate limits' }).count()).toBe(0);
    await page.close();
  });
});

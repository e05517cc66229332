import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureConsoleBuild } from '../../scripts/build-console.ts';
import { launchChromium } from '../support/browser.ts';
import { bearer, startTestServer, type TestServer } from '../support/harness.ts';

/** Issue 17: the console sets the link settings and a program's landing page, and shows links and clicks. */
describe('console: links and clicks (Chromium, SQLite)', { timeout: 90_000 }, () => {
  let server: TestServer;
  let base: string;
  let browser: Browser;
  let page: Page;
  let programId: number;
  let collaboratorId: number;
  const api = async (method: string, path: string, payload?: unknown) => {
    const res = await server.inject({
      method: method as 'GET',
      url: `/api/v1/workspaces/${server.workspaceId}${path}`,
      headers: { authorization: bearer(server.operatorToken), ...(payload === undefined ? {} : { 'content-type': 'application/json' }) },
      ...(payload === undefined ? {} : { payload: JSON.stringify(payload) }),
    });
    return res.json();
  };

  beforeAll(async () => {
    await ensureConsoleBuild({ quiet: true });
    server = await startTestServer('sqlite');
    base = await server.listen();
    programId = (await api('POST', '/programs', { name: 'Affiliates', incentive: { type: 'percent', basis_points: 1000 } })).id;
    collaboratorId = (await api('POST', '/collaborators', { name: 'Ada' })).id;
    await api('POST', `/collaborators/${collaboratorId}/referral-codes`, { code: 'ADA10' });
    browser = await launchChromium();
    const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
    context.setDefaultTimeout(15_000);
    page = await context.newPage();
    await page.goto(`${base}/`);
    await page.getByLabel('Operator token or API key').fill(server.operatorToken);
    await page.getByLabel('Workspace id (needed with an API key)').fill(server.workspaceId);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('heading', { name: 'Overview' }).waitFor();
  });

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('saves the default landing URL, public visits and a program\'s landing page, and shows the snippet tag', async () => {
    await page.goto(`${base}/w/${server.workspaceId}/attribution?tab=links`);
    expect(await page.getByLabel('Snippet', { exact: true }).textContent()).toBe(`<script src="${base}/js/tributary.js" data-workspace="${server.workspaceId}" async></script>`);
    const settings = page.getByRole('form', { name: 'Link settings' });
    await settings.getByLabel(/Default landing URL/).fill('https://shop.example.com/welcome');
    await settings.getByLabel(/Public visits/).check();
    await settings.getByRole('button', { name: 'Save' }).click();
    await settings.getByText('Link settings saved.').waitFor();
    expect(await api('GET', '/attribution-settings')).toMatchObject({ default_landing_url: 'https://shop.example.com/welcome', public_visits: true });

    const landing = page.getByRole('form', { name: 'Program landing page' });
    await landing.getByLabel('Landing URL').fill('https://shop.example.com/partners');
    await landing.getByLabel('Link parameter').fill('via');
    await landing.getByRole('button', { name: 'Save' }).click();
    await landing.getByText('Links of “Affiliates” lead to https://shop.example.com/partners with ?via=.').waitFor();
    expect(await api('GET', `/programs/${programId}`)).toMatchObject({ landing_url: 'https://shop.example.com/partners', link_param: 'via' });
    await page.getByRole('table', { name: 'Program links' }).getByText('https://shop.example.com/partners').waitFor();
  });

  it('shows a partner\'s link and clicks, and the workspace\'s', async () => {
    const click = await server.inject({ method: 'GET', url: '/r/ada10' });
    expect(click.headers.location).toBe('https://shop.example.com/partners?via=ADA10');
    await server.inject({ method: 'GET', url: '/r/unknown' });
    await page.goto(`${base}/w/${server.workspaceId}/attribution?tab=collaborators`);
    await page.getByRole('table', { name: 'Collaborators' }).getByText('Ada').click();
    await page.getByRole('link', { name: `${base}/r/ADA10` }).waitFor();
    const partner = page.getByLabel('Clicks of Ada');
    await partner.getByText(/1\s+clicks, 0\s+invalid/).waitFor();
    await page.goto(`${base}/w/${server.workspaceId}/attribution?tab=links`);
    await page.getByLabel('Clicks of the workspace').getByText(/1\s+clicks, 1\s+invalid/).waitFor();
  });
});

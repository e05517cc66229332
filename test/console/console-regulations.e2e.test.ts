import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureConsoleBuild } from '../../scripts/build-console.ts';
import { launchChromium, signedInConsole } from '../support/browser.ts';
import { bearer, startTestServer, waitFor, type TestServer } from '../support/harness.ts';

/** The Privacy requests page (issue 16 §4) in a real browser against a real server (SQLite). */
describe('console: privacy requests (Chromium, SQLite)', { timeout: 60_000 }, () => {
  let server: TestServer;
  let base: string;
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    await ensureConsoleBuild({ quiet: true });
    server = await startTestServer('sqlite');
    // Serving starts the regulation runner: deletes finish in the background, as in production.
    base = await server.listen();
    browser = await launchChromium();
    page = await signedInConsole(browser, base, { token: server.operatorToken, workspaceId: server.workspaceId }, { width: 1280, height: 800 });
  });

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('files a delete-and-suppress request, follows it to finished with what it erased, and lists every field error of a bad one', async () => {
    const sent = await server.inject({
      method: 'POST',
      url: `/api/v1/workspaces/${server.workspaceId}/events/track`,
      headers: { authorization: bearer(server.writeKey) },
      payload: { event: 'Signed up', user_id: 'console-user' },
    });
    expect(sent.statusCode).toBe(202);
    await waitFor(async () => ((await server.db.kysely.selectFrom('events').select('id').where('user_id', '=', 'console-user').execute()).length === 1 ? true : undefined), 'the event');

    await page.getByRole('navigation', { name: 'Console' }).getByRole('link', { name: 'Privacy requests', exact: true }).click();
    await page.getByRole('heading', { name: 'Privacy requests' }).waitFor();
    const form = page.getByRole('form', { name: 'Create a privacy request' });
    await form.getByLabel('Ids, one per line (up to 5,000)').fill('console-user');
    await form.getByRole('button', { name: 'Submit request' }).click();
    await page.getByRole('status').filter({ hasText: 'erasing in the background' }).waitFor();
    const table = page.getByRole('table', { name: 'Privacy requests' });
    await table.getByRole('row').filter({ hasText: 'finished' }).filter({ hasText: '1 events' }).waitFor({ timeout: 20_000 });

    await form.getByLabel('Identified by').selectOption('email');
    await form.getByLabel('Ids, one per line (up to 5,000)').fill('ada@example.com\nnot-an-email');
    await form.getByRole('button', { name: 'Submit request' }).click();
    const alert = page.getByRole('alert');
    await alert.waitFor();
    expect(await alert.textContent()).toContain('subject_ids.1');
    expect(await server.db.kysely.selectFrom('events').select('id').where('user_id', '=', 'console-user').execute()).toEqual([]);
  });
});

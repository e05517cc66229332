import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureConsoleBuild } from '../../scripts/build-console.ts';
import { PayoutFixtures } from '../attribution/fulfillment/payout-fixtures.ts';
import { launchChromium, signedInConsole } from '../support/browser.ts';
import { startTestServer, type TestServer } from '../support/harness.ts';

/** Issue 18 §3: a shop owner sets a program's hold, enrollment and fraud rules, reviews a flagged sale and mints a portal link in the console. */
describe('console partner program (Chromium, SQLite)', { timeout: 90_000 }, () => {
  let server: TestServer;
  let base: string;
  let browser: Browser;
  let page: Page;
  let f: PayoutFixtures;

  beforeAll(async () => {
    await ensureConsoleBuild({ quiet: true });
    server = await startTestServer('sqlite');
    base = await server.listen();
    f = await PayoutFixtures.create(server, 'console-partners');
    browser = await launchChromium();
    page = await signedInConsole(browser, base, { token: server.operatorToken, workspaceId: f.workspaceId }, { width: 1400, height: 900 });
  });

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('edits hold, enrollment and fraud rules; enrolls a partner; reviews a flagged sale; creates a portal link', async () => {
    const program = await f.program(1000);
    const ada = await f.collaborator('Ada', 'ada@example.com');
    await page.goto(`${base}/w/${f.workspaceId}/attribution?tab=programs`);
    await page.getByRole('cell', { name: 'P1000' }).click();
    const form = page.getByRole('form', { name: 'Program settings' });
    await form.getByLabel('Holding period (days)').fill('30');
    await form.getByLabel('Enrollment').selectOption('approval');
    await form.getByLabel('Self-referral (buyer').selectOption('flag');
    await form.getByLabel("Banned partner's referral").selectOption('flag');
    await form.getByRole('button', { name: 'Save settings' }).click();
    await page.getByText('Program “P1000” saved.').waitFor();
    const saved = await f.ok('GET', `/programs/${program}`);
    expect(saved).toMatchObject({ hold_days: 30, enrollment: 'approval', fraud_rules: { self_referral: 'flag', banned_collaborator: 'flag' } });

    await page.getByRole('form', { name: 'Enroll a partner' }).getByLabel('Partner id').fill(String(ada));
    await page.getByRole('button', { name: 'Enroll' }).click();
    await page.getByText(`Partner ${ada} is approved.`).waitFor();

    // The partner buys through their own link: flagged for review.
    const visit = await f.event('site-visited', { collaboratorId: ada });
    const sale = await f.event('sale', { source: 'shop', externalId: 'self-1', total: 50, currency: 'USD', trackingId: Number(visit.headers['x-siren-oid']), email: 'ada@example.com' });
    expect(sale.statusCode, sale.body).toBe(200);
    await page.getByRole('tab', { name: 'Fraud review' }).click();
    await page.getByRole('cell', { name: 'self_referral' }).waitFor();
    await page.getByRole('button', { name: 'Approve' }).click();
    await page.getByText(/Conversion \d+ approved\./).waitFor();
    expect((await f.obligations()).map((o) => o.status)).toEqual(['hold']);

    await page.getByRole('tab', { name: 'Collaborators' }).click();
    await page.getByRole('cell', { name: 'Ada' }).first().click();
    await page.getByRole('button', { name: 'Create portal sign-in link' }).click();
    await page.getByText(/\/partners#login=trb_pl_/).waitFor();
  });
});

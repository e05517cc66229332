import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureConsoleBuild } from '../../scripts/build-console.ts';
import { ManualClock } from '../../src/lib/clock.ts';
import { PayoutFixtures } from '../attribution/fulfillment/payout-fixtures.ts';
import { launchChromium, signedInConsole } from '../support/browser.ts';
import { startTestServer, type TestServer } from '../support/harness.ts';

/**
 * Issue 18 §2: a partner opens the login link an admin created and sees their links, a commission
 * on hold, then (the clock moved past the hold, a run paid it) paid; the link works once. And a
 * newcomer applies through the sign-up form, an admin approves the application in the console, and
 * the login link the approval issued opens the new partner's portal, visits included.
 */
describe('partner portal (Chromium, SQLite)', { timeout: 90_000 }, () => {
  const clock = new ManualClock();
  let server: TestServer;
  let base: string;
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    await ensureConsoleBuild({ quiet: true });
    server = await startTestServer('sqlite', {}, { clock });
    base = await server.listen();
    browser = await launchChromium();
    const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
    context.setDefaultTimeout(15_000);
    page = await context.newPage();
    page.on('pageerror', (error) => console.error('page error:', error.message));
  });

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('signs in with a one-time login link and shows links, held then paid commissions, payouts and balance', async () => {
    const f = await PayoutFixtures.create(server, 'portal-e2e');
    await f.program(1000, { hold_days: 10 });
    const ada = await f.collaborator('Ada Lovelace');
    await f.ok('POST', `/collaborators/${ada}/referral-codes`, { code: 'ADA10' });
    await f.referredSale(ada, 'portal-1', 120);
    const link = (await f.ok('POST', `/collaborators/${ada}/login-links`, {})).url as string;
    const url = new URL(link);

    // Two clicks on the partner's link before signing in.
    const program = (await f.ok('GET', '/programs')).data[0].id;
    await f.request('PATCH', `/programs/${program}`, { landing_url: 'https://shop.example/landing' });
    for (let i = 0; i < 2; i += 1) expect((await server.inject({ method: 'GET', url: '/r/ADA10' })).statusCode).toBe(302);

    await page.goto(`${base}${url.pathname}${url.hash}`);
    await page.getByRole('heading', { name: 'Welcome, Ada Lovelace' }).waitFor();
    expect(await page.getByTestId('conversions').textContent()).toBe('1');
    await expect.poll(async () => {
      await page.reload();
      await page.getByTestId('clicks').waitFor();
      return page.getByTestId('clicks').textContent();
    }, { timeout: 10_000 }).toBe('2');
    expect(new URL(page.url()).hash).toBe('');
    await page.getByText(`${base}/r/ADA10`).waitFor();
    const commission = page.getByTestId('commission');
    await commission.getByText('hold').waitFor();
    expect(await commission.textContent()).toContain('12.00');

    clock.advance(11 * 86_400_000);
    await f.ok('POST', '/fulfillments', { mark_paid: true });
    await page.reload();
    await page.getByTestId('payout').getByText('paid').waitFor();
    await page.getByTestId('commission').getByText('paid').waitFor();

    // The same link again, in a fresh tab: it worked once.
    const other = await browser.newPage();
    await other.goto(`${base}${url.pathname}${url.hash}`);
    await other.getByRole('alert').waitFor();
    expect(await other.getByRole('alert').textContent()).toContain('unauthorized');
    await other.close();

    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.getByText('Open the sign-in link').waitFor();
  });

  it('applies through the sign-up form, an admin approves in the console, and the login link opens the new partner’s portal', async () => {
    const f = await PayoutFixtures.create(server, 'apply-e2e');
    const program = await f.program(1000, { enrollment: 'approval', name: 'Creators' });

    // The applicant: no session of any kind.
    const applicant = await browser.newPage();
    await applicant.goto(`${base}/partners/apply/${f.workspaceId}/${program}`);
    await applicant.getByRole('heading', { name: 'Apply to Creators' }).waitFor();
    const form = applicant.getByRole('form', { name: 'Partner application' });
    await form.getByLabel('Your name').fill('Grace Hopper');
    await form.getByLabel('E-mail').fill('Grace@Example.com');
    await form.getByLabel('Referral code you would like (optional)').fill('GRACE');
    await form.getByLabel('How will you promote us? (optional)').fill('A newsletter about compilers.');
    await form.getByRole('button', { name: 'Send application' }).click();
    await applicant.getByRole('heading', { name: 'Application received' }).waitFor();
    await applicant.close();
    const [submission] = await f.db.selectFrom('collaborator_submissions').selectAll().where('workspace_id', '=', f.workspaceId).execute();
    expect(submission).toMatchObject({ name: 'Grace Hopper', email: 'grace@example.com', status: 'pending' });

    // The admin sees the application in the program's enrollments and approves it.
    const admin = await signedInConsole(browser, base, { token: server.operatorToken, workspaceId: f.workspaceId }, { width: 1400, height: 900 });
    await admin.goto(`${base}/w/${f.workspaceId}/attribution?tab=programs`);
    await admin.getByRole('cell', { name: 'Creators' }).click();
    expect(await admin.getByTestId('sign-up-url').textContent()).toBe(`${base}/partners/apply/${f.workspaceId}/${program}`);
    const row = admin.getByRole('row', { name: /Grace Hopper/ });
    await row.getByText('applied').waitFor();
    await row.getByRole('button', { name: 'Approve' }).click();
    const note = admin.getByText(/Grace Hopper is approved\. Their sign-in link/);
    await note.waitFor();
    const link = new URL(/(http\S+#login=trb_pl_\w+)/.exec((await note.textContent()) ?? '')![1]!);
    await admin.context().close();

    // A visit through the new partner's code, then the partner opens the link the shop mailed.
    const visit = await f.event('site-visited', { referralCode: 'GRACE', landingUrl: 'https://shop.example/compilers?ref=GRACE' });
    expect(visit.statusCode, visit.body).toBe(200);
    const portal = await browser.newPage();
    await portal.goto(`${base}${link.pathname}${link.hash}`);
    await portal.getByRole('heading', { name: 'Welcome, Grace Hopper' }).waitFor();
    await portal.getByText(`${base}/r/GRACE`).waitFor();
    expect(await portal.getByTestId('visit').first().textContent()).toContain('https://shop.example/compilers');
    await portal.close();
  });
});

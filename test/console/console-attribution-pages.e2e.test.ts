import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureConsoleBuild } from '../../scripts/build-console.ts';
import { PayoutFixtures } from '../attribution/fulfillment/payout-fixtures.ts';
import { launchChromium, signedInConsole } from '../support/browser.ts';
import { DIALECTS } from '../support/databases.ts';
import { startTestServer, type TestServer } from '../support/harness.ts';

// As in console.e2e.test.ts: UPDATE_SCREENSHOTS=1 refreshes docs/screenshots, a normal run writes to a temp folder.
const SCREENSHOTS =
  process.env.UPDATE_SCREENSHOTS === '1'
    ? fileURLToPath(new URL('../../docs/screenshots/', import.meta.url))
    : mkdtempSync(join(tmpdir(), 'tributary-console-shots-'));

/**
 * Issue 18 §3: every attribution object reachable without curl. Each page is driven through one
 * action, and the test checks the answer the page shows, the list it refreshed, and what the API
 * now holds.
 */
describe.each(DIALECTS)('console attribution pages (Chromium, %s)', { timeout: 120_000 }, (dialect) => {
  let server: TestServer;
  let base: string;
  let browser: Browser;
  let page: Page;
  let f: PayoutFixtures;
  let program: number;
  let ada: number;

  // One set of screenshots is enough: the SQLite run takes them.
  const shot = async (name: string) => {
    if (dialect === 'sqlite') await page.screenshot({ path: join(SCREENSHOTS, `${name}.png`), fullPage: false });
  };
  const tab = async (name: string) => {
    await page.goto(`${base}/w/${f.workspaceId}/attribution`);
    await page.getByRole('tab', { name, exact: true }).click();
  };

  beforeAll(async () => {
    await ensureConsoleBuild({ quiet: true });
    server = await startTestServer(dialect);
    base = await server.listen();
    f = await PayoutFixtures.create(server, 'console-attribution');
    program = await f.program(1000);
    ada = await f.collaborator('Ada', 'ada@example.com');
    await f.ok('POST', `/collaborators/${ada}/referral-codes`, { code: 'ADA' });
    // A referred sale of 100.00 USD earns 10.00 USD; a run pays it.
    await f.referredSale(ada, 'ord-1', 100);
    const run = await f.ok('POST', '/fulfillments', { currency: 'USD' });
    const payouts = await f.ok('GET', `/payouts?fulfillment_id=${run.id}`);
    await f.ok('POST', `/payouts/${payouts.data[0].id}/paid`, { reference: 'wire-1' });
    browser = await launchChromium();
    page = await signedInConsole(browser, base, { token: server.operatorToken, workspaceId: f.workspaceId }, { width: 1400, height: 900 });
    await page.context().grantPermissions(['clipboard-read', 'clipboard-write'], { origin: base });
  });

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('shows a partner page with earnings, links, conversions, payouts and ledger; its actions refresh what they change', async () => {
    await tab('Collaborators');
    await page.getByRole('link', { name: 'Partner page of Ada' }).click();
    await page.getByRole('heading', { name: /^Ada/ }).waitFor();
    const earnings = page.getByRole('table', { name: 'Earnings by status' });
    await expect.poll(() => earnings.textContent()).toContain('10.00 USD');
    await page.getByRole('table', { name: 'Conversions of the partner' }).getByRole('cell', { name: '10.00 USD' }).waitFor();
    const payouts = page.getByRole('table', { name: 'Payouts of the partner' });
    await payouts.getByRole('cell', { name: 'paid', exact: true }).waitFor();
    await page.getByRole('table', { name: 'Ledger of the partner' }).getByRole('cell', { name: 'obligation issued' }).waitFor();
    await page.getByRole('table', { name: 'Referral links' }).getByRole('cell', { name: 'ADA', exact: true }).waitFor();
    await shot('partner-detail');

    // Enrolled in an approval program, the partner earns there too.
    const approvalProgram = await f.program(700, { enrollment: 'approval' });
    await page.reload();
    const earnsIn = page.getByLabel('Earns in');
    await expect.poll(() => earnsIn.textContent()).toBe('Earns in: P1000.');
    await page.getByRole('form', { name: 'Enroll in a program' }).getByLabel('Program (approval or invite)').selectOption({ label: 'P700 (approval)' });
    await page.getByRole('button', { name: 'Enroll', exact: true }).click();
    await page.getByText('Enrolled in “P700”: approved.').waitFor();
    await page.getByRole('table', { name: 'Enrollments of the partner' }).getByRole('cell', { name: 'P700' }).waitFor();
    await expect.poll(() => earnsIn.textContent()).toMatch(/^Earns in: (P1000, P700|P700, P1000)\.$/);
    const [enrollment] = (await f.ok('GET', `/programs/${approvalProgram}/enrollments`)).data;
    expect(enrollment).toMatchObject({ collaborator_id: ada, status: 'approved' });
    // The later tests count the partner's earnings in one program only.
    await f.ok('PATCH', `/programs/${approvalProgram}/enrollments/${enrollment.id}`, { status: 'removed' });

    // A new code appears in the links table.
    await page.getByRole('form', { name: 'New referral code' }).getByLabel('Code (empty: random)').fill('ADAVIP');
    await page.getByRole('button', { name: 'Add code' }).click();
    await page.getByText(/Code ADAVIP added/).waitFor();
    await page.getByRole('table', { name: 'Referral links' }).getByRole('cell', { name: 'ADAVIP', exact: true }).waitFor();

    // A coupon of this partner appears in their coupon list.
    await page.getByRole('form', { name: 'New coupon' }).getByLabel('Coupon code').fill('ADA10');
    await page.getByRole('button', { name: 'Add coupon' }).click();
    await page.getByText('Coupon ADA10 added for Ada.').waitFor();
    await page.getByRole('table', { name: 'Coupons' }).getByRole('cell', { name: 'ADA10' }).waitFor();
    expect((await f.ok('GET', `/coupons?collaborator_id=${ada}`)).data.map((c: { code: string }) => c.code)).toEqual(['ADA10']);

    // The portal link is shown with a copy button.
    await page.getByRole('button', { name: 'Create portal sign-in link' }).click();
    const link = page.getByTestId('portal-link');
    await link.waitFor();
    const url = (await link.textContent()) ?? '';
    expect(url).toMatch(/\/partners#login=trb_pl_/);
    await page.getByRole('button', { name: 'Copy', exact: true }).click();
    await page.getByRole('button', { name: 'Copied' }).waitFor();
    expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(url);

    await page.getByLabel('Partner status').selectOption('inactive');
    await page.getByText('Ada is inactive.').waitFor();
    await page.getByRole('heading', { name: /^Ada/ }).getByText('inactive').waitFor();
    await expect.poll(() => page.getByLabel('Earns in').textContent()).toBe('Earns nothing new while inactive.');
    expect((await f.ok('GET', `/collaborators/${ada}`)).status).toBe('inactive');
    await f.ok('PATCH', `/collaborators/${ada}`, { status: 'active' });
  });

  it('adds a coupon for a picked partner on the Coupons tab and deletes it', async () => {
    await tab('Coupons');
    const form = page.getByRole('form', { name: 'New coupon' });
    await form.getByLabel('Coupon code').fill('SPRING20');
    await form.getByLabel('Partner').selectOption({ label: `Ada (#${ada})` });
    await form.getByRole('button', { name: 'Add coupon' }).click();
    await page.getByText('Coupon SPRING20 added for Ada.').waitFor();
    const row = page.getByRole('row').filter({ hasText: 'SPRING20' });
    await row.waitFor();
    page.once('dialog', (dialog) => void dialog.accept());
    await row.getByRole('button', { name: 'Delete' }).click();
    await page.getByText('Coupon SPRING20 deleted.').waitFor();
    await row.waitFor({ state: 'detached' });
    expect((await f.ok('GET', '/coupons?code=SPRING20')).data).toEqual([]);

    // A code already taken (in any case) is the API's 409, shown with its code.
    await form.getByLabel('Coupon code').fill('ada10');
    await form.getByLabel('Partner').selectOption({ label: `Ada (#${ada})` });
    await form.getByRole('button', { name: 'Add coupon' }).click();
    await page.getByRole('alert').filter({ hasText: 'conflict' }).waitFor();
  });

  it('reports a partial refund of a sale on the Refunds tab; the list and the commission follow', async () => {
    await f.referredSale(ada, 'ord-2', 50);
    await tab('Refunds');
    const form = page.getByRole('form', { name: 'New refund' });
    await form.getByLabel('Sale').selectOption({ label: 'shop ord-2: 50.00 USD left' });
    await form.getByLabel('Amount (major units, empty: the rest)').fill('20.00');
    await form.getByRole('button', { name: 'Refund' }).click();
    await page.getByText('Refund of shop ord-2 (20.00 USD) recorded.').waitFor();
    const refunds = page.getByRole('table', { name: 'Refunds' });
    await refunds.getByRole('cell', { name: '20.00 USD' }).waitFor();
    const [sale] = (await f.ok('GET', '/transactions?external_id=ord-2')).data;
    expect(sale.refunded_total).toBe(2000);
    // 10 % of what is left: 30.00 USD earns 3.00 USD.
    const [conversion] = (await f.ok('GET', `/conversions?transaction_id=${sale.id}`)).data;
    const obligations = (await f.ok('GET', `/obligations?conversion_id=${conversion.id}`)).data;
    expect(obligations.map((o: { amount: number }) => o.amount)).toEqual([300]);
    // The refunded sale now offers only what is left.
    await form.getByLabel('Sale').locator('option', { hasText: 'shop ord-2: 30.00 USD left' }).waitFor({ state: 'attached' });
  });

  it('groups programs, changes the strategy, removes a program and deletes the group', async () => {
    const second = await f.program(500);
    await tab('Program groups');
    await page.getByRole('form', { name: 'New program group' }).getByLabel('Group name').fill('Tiers');
    await page.getByRole('button', { name: 'Add group' }).click();
    await page.getByText('Group “Tiers” added: now add its programs.').waitFor();
    const card = page.getByRole('region', { name: 'Program group Tiers' });
    const add = card.getByRole('form', { name: 'Add a program to Tiers' });
    await add.getByLabel('Program').selectOption({ label: 'P1000' });
    await add.getByLabel('Priority (optional)').fill('1');
    await add.getByRole('button', { name: 'Add to group' }).click();
    await card.getByText('Program added to “Tiers”: 1 program.').waitFor();
    await add.getByLabel('Program').selectOption({ label: 'P500' });
    await add.getByRole('button', { name: 'Add to group' }).click();
    await card.getByText('Program added to “Tiers”: 2 programs.').waitFor();
    const members = card.getByRole('table', { name: 'Programs of Tiers' });
    await members.getByRole('cell', { name: 'P500' }).waitFor();

    await card.getByLabel('Strategy').selectOption('highest_reward');
    await card.getByText('Group “Tiers” now decides by highest_reward.').waitFor();
    await members.getByRole('row').filter({ hasText: 'P500' }).getByRole('button', { name: 'Remove' }).click();
    await card.getByText('Program “P500” left “Tiers”.').waitFor();
    await members.getByRole('cell', { name: 'P500' }).waitFor({ state: 'detached' });
    await shot('program-groups');
    const [group] = (await f.ok('GET', '/program-groups')).data;
    expect(group).toMatchObject({ strategy: 'highest_reward', programs: [{ program_id: program, priority: 1 }] });
    expect((await f.ok('GET', `/programs/${second}`)).group_id).toBeNull();

    page.once('dialog', (dialog) => void dialog.accept());
    await card.getByRole('button', { name: 'Delete group' }).click();
    await page.getByText('Group “Tiers” deleted; its programs award on their own again.').waitFor();
    await card.waitFor({ state: 'detached' });
    expect((await f.ok('GET', `/programs/${program}`)).group_id).toBeNull();
  });

  it('creates a distribution, runs its ended period and shows the shares', async () => {
    await tab('Distributions');
    const form = page.getByRole('form', { name: 'New distribution' });
    await form.getByLabel('Distribution name').fill('Daily league');
    await form.getByLabel('Metric (shares by)').fill('referrals');
    await form.getByLabel('Period').selectOption('daily');
    await form.getByLabel('Amount (minor units)').fill('5000');
    await form.getByRole('button', { name: 'Add distribution' }).click();
    await page.getByText('Distribution “Daily league” added: it shares 50.00 USD per period, daily.').waitFor();
    await page.getByRole('table', { name: 'Distributions' }).getByRole('cell', { name: 'Daily league' }).waitFor();

    const yesterday = new Date(Date.now() - 86_400_000).toISOString().slice(0, 10);
    const metric = await f.event('metric', { collaboratorId: ada, metric: 'referrals', value: 3, occurredAt: `${yesterday}T12:00:00Z` });
    expect(metric.statusCode, metric.body).toBe(200);
    await page.getByRole('button', { name: 'Run ended periods now' }).click();
    // The server's own heartbeat may have run the period first: either way it ran once.
    await page.getByText(/1 period distributed: 50\.00 USD\.|No period to distribute/).waitFor();
    const run = page.getByRole('table', { name: /^Run \d+$/ });
    await run.getByRole('cell', { name: 'Ada' }).waitFor();
    await run.getByRole('cell', { name: '50.00 USD' }).waitFor();
    await shot('distributions');

    await page.getByRole('row').filter({ hasText: 'Daily league' }).getByRole('button', { name: 'Pause' }).click();
    await page.getByText('Distribution “Daily league” is inactive.').waitFor();
    await page.getByRole('row').filter({ hasText: 'Daily league' }).getByRole('button', { name: 'Activate' }).waitFor();
  });

  it('charts earnings per partner and per program, one currency at a time', async () => {
    await tab('Reports');
    // Earned counts commissions as issued, before refunds: 10.00 + 5.00, and the distribution's
    // 50.00 in the partner report only (it belongs to no program).
    await page.getByRole('img', { name: 'Earnings per partner, earned in USD: 65.00 USD in total' }).waitFor();
    await page.getByRole('img', { name: 'Earnings per program, earned in USD: 15.00 USD in total' }).waitFor();
    const totals = page.getByRole('table', { name: 'Earnings per partner, earned in USD, totals' });
    await totals.getByRole('row').filter({ hasText: 'Ada' }).getByRole('cell', { name: '65.00 USD' }).waitFor();
    expect(await page.locator('.chart canvas').count()).toBe(2);
    await shot('reports');

    await page.getByLabel('Measure').selectOption('paid');
    await page.getByRole('img', { name: 'Earnings per program, paid in USD: 10.00 USD in total' }).waitFor();
  });

  it('edits every field of a program, refuses bad amounts with the reason, and archives it', async () => {
    await tab('Programs');
    await page.getByRole('cell', { name: 'P1000' }).click();
    const form = page.getByRole('form', { name: 'Program details' });
    await form.getByLabel('Program name').fill('Affiliates');
    await form.getByLabel('Commission').selectOption('flat');
    await form.getByLabel('Amounts (minor units: USD 500, EUR 450)').fill('USD five');
    await form.getByRole('button', { name: 'Save program' }).click();
    await page.getByRole('alert').filter({ hasText: '“USD five” is not a currency and an amount' }).waitFor();

    await form.getByLabel('Amounts (minor units: USD 500, EUR 450)').fill('USD 500, EUR 450');
    await form.getByLabel('Lead reward (minor units, empty: none)').fill('200');
    await form.getByLabel('Attribution window (days)').fill('60');
    await form.getByLabel('Model').selectOption('first_touch');
    await form.getByLabel('Engagements from').selectOption('referral');
    await form.getByLabel('Conversions approved').selectOption('manual');
    await form.getByLabel('Renewals earn').selectOption('percent');
    await form.getByLabel('Renewal basis points').fill('250');
    await form.getByLabel('Renewals that earn (empty: all)').fill('12');
    await form.getByLabel('Landing URL (empty: the workspace default)').fill('https://shop.example.com/welcome');
    await form.getByLabel('Link parameter').fill('via');
    await form.getByRole('button', { name: 'Save program' }).click();
    await page.getByText('Program “Affiliates” saved.').waitFor();
    await page.getByRole('table', { name: 'Programs' }).getByRole('cell', { name: 'Affiliates' }).waitFor();
    expect(await f.ok('GET', `/programs/${program}`)).toMatchObject({
      name: 'Affiliates',
      incentive: { type: 'flat', amounts: { USD: 500, EUR: 450 } },
      lead_incentive: { amount: 200, currency: 'USD' },
      attribution_window_days: 60,
      attribution_model: 'first_touch',
      engagement_trigger: 'referral',
      approval: 'manual',
      renewal_incentive: { type: 'percent', basis_points: 250 },
      renewal_limit: { periods: 12 },
      landing_url: 'https://shop.example.com/welcome',
      link_param: 'via',
    });

    await form.getByRole('button', { name: 'Archive program' }).click();
    await page.getByText('Program “Affiliates” archived: it awards nothing new; its history stays.').waitFor();
    await page.getByRole('row').filter({ hasText: 'Affiliates' }).getByText('inactive').waitFor();
    await form.getByRole('button', { name: 'Restore program' }).waitFor();
    expect((await f.ok('GET', `/programs/${program}`)).status).toBe('inactive');
  });
});

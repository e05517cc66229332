import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureConsoleBuild } from '../../scripts/build-console.ts';
import { ManualClock } from '../../src/lib/clock.ts';
import { launchChromium, serveStatic, type StaticSite } from '../support/browser.ts';
import { bearer, startTestServer, waitFor, type TestServer } from '../support/harness.ts';
import { checkoutSession, signature, stripeEvent } from '../integrations/fixtures/stripe-payloads.ts';

type Json = Record<string, any>;
const SECRET = 'whsec_journeyTestSecretForTributary0123';
const DAY = 86_400_000;

/**
 * Issue 18's journey, end to end in Debian's Chromium with the shop on a second origin: a program
 * holding commissions 30 days and flagging self-referrals → a partner → their /r/{code} link →
 * the shop page with the snippet → a Stripe-signed checkout.session.completed carrying the
 * snippet's client_reference_id → the commission is held → 30 days on it is payable → a
 * fulfillment run pays it → the partner signs in with a login link and sees it paid. Also: the
 * partner's own purchase ends flagged, and a second program (approval enrollment) pays only its
 * enrolled partner.
 */
describe('the partner-program journey (Chromium, SQLite)', { timeout: 120_000 }, () => {
  const clock = new ManualClock();
  let server: TestServer;
  let api: string;
  let shop: StaticSite;
  let browser: Browser;

  const admin = async (method: string, path: string, payload?: object): Promise<Json> => {
    const res = await server.inject({
      method: method as 'GET',
      url: `/api/v1/workspaces/${server.workspaceId}${path}`,
      headers: { authorization: bearer(server.operatorToken) },
      ...(payload ? { payload } : {}),
    });
    if (res.statusCode >= 300) throw new Error(`${method} ${path}: ${res.statusCode} ${res.body}`);
    return res.statusCode === 204 ? {} : res.json();
  };
  const obligations = async (collaboratorId: number) => (await admin('GET', `/obligations?collaborator_id=${collaboratorId}&limit=200`)).data as Json[];
  const conversions = async (collaboratorId: number) => (await admin('GET', `/conversions?collaborator_id=${collaboratorId}&limit=200`)).data as Json[];

  /** Stripe posts a completed checkout, signed with the endpoint's secret; answered 200 at once. */
  async function checkout(fields: Parameters<typeof checkoutSession>[0]): Promise<void> {
    const payload = JSON.stringify(stripeEvent('checkout.session.completed', checkoutSession(fields)), null, 2);
    const res = await server.inject({
      method: 'POST',
      url: `/integrations/stripe/${server.workspaceId}/webhook`,
      headers: { 'content-type': 'application/json', 'stripe-signature': signature(payload, SECRET) },
      payload,
    });
    expect(res.statusCode, res.body).toBe(200);
  }

  /** A shopper follows `code`'s link to the shop; the snippet's opportunity id, as the Payment Link carries it. */
  async function visitThroughLink(code: string): Promise<string> {
    const context = await browser.newContext();
    const page = await context.newPage();
    await page.goto(`${api}/r/${code}`);
    expect(new URL(page.url()).origin).toBe(shop.url);
    expect(new URL(page.url()).searchParams.get('ref')).toBe(code);
    await page.waitForFunction(() => (document.getElementById('pay') as HTMLAnchorElement).href.includes('client_reference_id='));
    const href = await page.locator('#pay').getAttribute('href');
    await context.close();
    return new URL(href!).searchParams.get('client_reference_id')!;
  }

  beforeAll(async () => {
    await ensureConsoleBuild({ quiet: true });
    server = await startTestServer('sqlite', {}, { clock });
    api = await server.listen();
    const page = `<!doctype html><html><head><title>Shop</title>
<script src="${api}/js/tributary.js" data-workspace="${server.workspaceId}" async></script></head>
<body><h1>Shop</h1><a id="pay" href="https://buy.stripe.com/test_journey">Buy</a></body></html>`;
    shop = await serveStatic({ '/': { type: 'text/html; charset=utf-8', body: page } });
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    await shop?.close();
    await server?.close();
  });

  it('link → snippet → Stripe sale → hold → 30 days → paid → the partner sees it; a self-referral is flagged; the second program pays only its enrolled partner', async () => {
    const partners = await admin('POST', '/programs', {
      name: 'Partners',
      incentive: { type: 'percent', basis_points: 1000 },
      hold_days: 30,
      fraud_rules: { self_referral: 'flag' },
      landing_url: `${shop.url}/`,
    });
    const vip = await admin('POST', '/programs', { name: 'VIP', incentive: { type: 'percent', basis_points: 500 }, enrollment: 'approval', landing_url: `${shop.url}/` });
    await admin('PUT', '/attribution-settings', { public_slugs: [], allowed_origins: [], public_visits: true });
    await admin('PUT', '/integrations/stripe', { signing_secret: SECRET });
    const ada = (await admin('POST', '/collaborators', { name: 'Ada', email: 'ada@partner.example' })).id as number;
    await admin('POST', `/collaborators/${ada}/referral-codes`, { code: 'ADA' });
    const bob = (await admin('POST', '/collaborators', { name: 'Bob', email: 'bob@partner.example' })).id as number;
    await admin('POST', `/collaborators/${bob}/referral-codes`, { code: 'BOB' });
    const enrolled = await admin('POST', `/programs/${vip.id}/enrollments`, { collaborator_id: bob, status: 'applied' });
    await admin('PATCH', `/programs/${vip.id}/enrollments/${enrolled.id}`, { status: 'approved' });

    // A shopper comes through Ada's link and pays 100.00 USD through the Payment Link.
    const oid = await visitThroughLink('ADA');
    expect(oid).toMatch(/^\d+$/);
    await checkout({ client_reference_id: oid, amount_total: 10_000, currency: 'usd', email: 'shopper@example.com' });
    const [held] = await waitFor(async () => ((await obligations(ada)).length > 0 ? obligations(ada) : undefined), "Ada's commission");
    expect(held).toMatchObject({ status: 'hold', amount: 1000, currency: 'USD' });
    // Ada is not enrolled in VIP: only Partners credited her.
    expect((await conversions(ada)).map((c) => c.program_id)).toEqual([partners.id]);

    // 30 days on, the hold ends; a run pays it.
    clock.advance(30 * DAY + 1000);
    expect((await admin('POST', '/obligations/release-holds')).released).toBe(1);
    expect((await obligations(ada))[0]).toMatchObject({ status: 'pending' });
    const run = await admin('POST', '/fulfillments', { mark_paid: true });
    expect(run.payouts.map((p: Json) => [p.collaborator_id, p.amount, p.status])).toEqual([[ada, 1000, 'paid']]);

    // Ada signs in with a login link and sees it paid.
    const link = new URL((await admin('POST', `/collaborators/${ada}/login-links`, {})).url);
    const portal = await browser.newPage();
    await portal.goto(`${api}${link.pathname}${link.hash}`);
    await portal.getByRole('heading', { name: 'Welcome, Ada' }).waitFor();
    await portal.getByTestId('payout').getByText('paid').waitFor();
    await portal.getByTestId('commission').getByText('paid').waitFor();
    expect(await portal.getByTestId('payout').textContent()).toContain('10.00');
    await portal.close();

    // Ada buys through her own link: flagged for review, not approved on payment.
    const own = await visitThroughLink('ADA');
    await checkout({ client_reference_id: own, amount_total: 5_000, currency: 'usd', email: 'ada@partner.example' });
    const flagged = await waitFor(async () => (await obligations(ada)).find((o) => o.status === 'flagged'), 'the flagged commission');
    expect(flagged).toMatchObject({ amount: 500 });
    expect((await admin('GET', '/fraud-review')).data.map((c: Json) => c.fraud_reasons)).toEqual([['self_referral']]);

    // Bob is enrolled in VIP: his sale earns in both programs.
    const bobs = await visitThroughLink('BOB');
    await checkout({ client_reference_id: bobs, amount_total: 20_000, currency: 'usd', email: 'another@example.com' });
    const bobConversions = await waitFor(async () => ((await conversions(bob)).length === 2 ? conversions(bob) : undefined), "Bob's conversions");
    expect(bobConversions.map((c) => [c.program_id, c.amount]).sort()).toEqual(
      [
        [partners.id, 2000],
        [vip.id, 1000],
      ].sort(),
    );
  });
});

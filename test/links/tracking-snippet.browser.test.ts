import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium, serveStatic, type StaticSite } from '../support/browser.ts';
import { DIALECTS } from '../support/databases.ts';
import { bearer, useTestServer, waitFor, type TestServer } from '../support/harness.ts';

/** What the page's global scope holds once the snippet ran. */
type SnippetGlobals = { tributary: { oid(): number | null; ready(cb: (oid: number | null) => void): void } };

/** A shop page: the snippet tag, a hidden input, a Payment Link and a Buy Button; `later` adds a Payment Link after load. */
function shopPage(api: string, workspaceId: string, later = false): string {
  return `<!doctype html><html><head><title>Shop</title>
<script src="${api}/js/tributary.js" data-workspace="${workspaceId}" async></script></head>
<body><h1>Shop</h1>
<form><input type="hidden" name="oid" id="oid" data-tributary-oid></form>
<a id="pay" href="https://buy.stripe.com/test_aBc123?prefilled_email=a%40b.example">Buy</a>
<stripe-buy-button id="bb" buy-button-id="buy_btn_1" publishable-key="pk_test_1"></stripe-buy-button>
${later ? `<script>setTimeout(function () { var a = document.createElement('a'); a.id = 'late'; a.href = 'https://buy.stripe.com/test_late'; document.body.appendChild(a); }, 100);</script>` : ''}
</body></html>`;
}

/** Requests a page made to Tributary, with the headers the browser really sent. */
interface Sent {
  method: string;
  path: string;
  headers: Record<string, string>;
}

async function open(browser: Browser, api: string): Promise<{ context: BrowserContext; page: Page; sent: Sent[] }> {
  const context = await browser.newContext();
  const sent: Sent[] = [];
  context.on('request', (request) => {
    if (!request.url().startsWith(`${api}/`)) return;
    void request.allHeaders().then((headers) => sent.push({ method: request.method(), path: new URL(request.url()).pathname, headers }));
  });
  return { context, page: await context.newPage(), sent };
}

const ready = (page: Page) => page.evaluate(() => new Promise<number | null>((resolve) => (globalThis as unknown as SnippetGlobals).tributary.ready(resolve)));

describe.each(DIALECTS)('tributary.js in Chromium, shop and Tributary on two origins, on %s', (dialect) => {
  const server = useTestServer(dialect);
  let browser: Browser;
  let api: string;
  let shop: StaticSite;
  let closedShop: StaticSite;

  async function admin(method: string, path: string, payload: object, workspaceId = server.workspaceId) {
    const res = await server.inject({ method: method as 'POST', url: `/api/v1/workspaces/${workspaceId}${path}`, headers: { authorization: bearer(server.operatorToken) }, payload });
    if (res.statusCode >= 300) throw new Error(`${path}: ${res.statusCode} ${res.body}`);
    return res.json();
  }

  async function codeFor(name: string, code: string, workspaceId = server.workspaceId) {
    const id = (await admin('POST', '/collaborators', { name }, workspaceId)).id;
    await admin('POST', `/collaborators/${id}/referral-codes`, { code }, workspaceId);
  }

  beforeAll(async () => {
    browser = await launchChromium();
    api = await server.listen();
    await admin('POST', '/programs', { name: 'Partners', incentive: { type: 'percent', basis_points: 1000 }, attribution_window_days: 60 });
    await codeFor('Ada', 'ADA');
    await codeFor('Grace', 'grace');
    await admin('PUT', '/attribution-settings', { public_slugs: [], allowed_origins: [], public_visits: true });
    // A second workspace that never turned public visits on.
    const other = await server.inject({ method: 'POST', url: '/api/v1/workspaces', headers: { authorization: bearer(server.operatorToken) }, payload: { name: 'Closed shop', slug: `closed-${dialect}` } });
    const otherId = other.json().id as string;
    await admin('POST', '/programs', { name: 'P', incentive: { type: 'percent', basis_points: 1000 } }, otherId);
    await codeFor('Ada', 'ADA', otherId);
    const html = { type: 'text/html; charset=utf-8' };
    shop = await serveStatic({ '/': { ...html, body: shopPage(api, server.workspaceId) }, '/other': { ...html, body: shopPage(api, server.workspaceId, true) } });
    closedShop = await serveStatic({ '/': { ...html, body: shopPage(api, otherId) } });
  });
  afterAll(async () => {
    await browser?.close();
    await shop?.close();
    await closedShop?.close();
  });

  it('reports the visit, keeps the opportunity across pages and reloads, and fills inputs, Payment Links and Buy Buttons', async () => {
    const { context, page, sent } = await open(browser, api);
    try {
      await page.goto(`${shop.url}/?ref=ada&utm_source=mail`);
      const oid = await ready(page);
      expect(oid).toBeGreaterThan(0);
      const opportunity = await server.db.kysely.selectFrom('opportunities').selectAll().where('id', '=', oid!).executeTakeFirstOrThrow();
      expect(opportunity.landing_url).toBe(`${shop.url}/?ref=ada&utm_source=mail`);
      expect(opportunity.workspace_id).toBe(server.workspaceId);

      expect(await page.inputValue('#oid')).toBe(String(oid));
      const pay = new URL((await page.getAttribute('#pay', 'href'))!);
      expect(pay.searchParams.get('client_reference_id')).toBe(String(oid));
      expect(pay.searchParams.get('prefilled_email')).toBe('a@b.example');
      expect(await page.getAttribute('#bb', 'client-reference-id')).toBe(String(oid));

      // Kept first-party, for the 60-day window: a cookie on the shop's origin and localStorage.
      const cookie = (await context.cookies(shop.url)).find((c) => c.name === 'tributary_oid');
      expect(cookie?.value).toMatch(new RegExp(`^${oid}\\.\\d+\\.ada$`));
      expect(cookie!.expires * 1000 - Date.now()).toBeGreaterThan(59 * 86_400_000);
      expect(JSON.parse((await page.evaluate(() => localStorage.getItem('tributary_oid')))!)).toMatchObject({ oid, code: 'ada' });

      // The next page (no ?ref) and a Payment Link added after load.
      await page.goto(`${shop.url}/other`);
      expect(await ready(page)).toBe(oid);
      await page.waitForFunction((id) => document.querySelector<HTMLAnchorElement>('#late')?.href.includes(`client_reference_id=${id}`), oid);
      expect(await page.inputValue('#oid')).toBe(String(oid));

      // A reload of the referred page keeps the opportunity and reports nothing again.
      await page.goto(`${shop.url}/?ref=ADA`);
      expect(await ready(page)).toBe(oid);
      await page.reload();
      expect(await ready(page)).toBe(oid);
      await waitFor(() => (sent.length >= 1 ? true : undefined), 'requests to be recorded');
      const visits = sent.filter((s) => s.method === 'POST' && s.path === '/event/site-visited');
      expect(visits).toHaveLength(1);
      // No cookie of any origin goes to Tributary (credentials: 'omit').
      expect(sent.filter((s) => s.headers.cookie !== undefined)).toEqual([]);

      // Another partner's link: the visit carries the held id and gets the new partner's opportunity.
      await page.goto(`${shop.url}/?ref=grace`);
      const next = await ready(page);
      expect(next).not.toBe(oid);
      expect(next).toBeGreaterThan(0);
      await waitFor(() => (sent.filter((s) => s.method === 'POST').length >= 2 ? true : undefined), 'the second visit');
      expect(sent.filter((s) => s.method === 'POST')[1]!.headers['x-siren-oid']).toBe(String(oid));
      expect(await page.inputValue('#oid')).toBe(String(next));
    } finally {
      await context.close();
    }
  });

  it('sends no visit and fills nothing for a workspace without public visits', async () => {
    const { context, page, sent } = await open(browser, api);
    try {
      await page.goto(`${closedShop.url}/?ref=ada`);
      expect(await ready(page)).toBeNull();
      expect(await page.inputValue('#oid')).toBe('');
      expect(await page.getAttribute('#pay', 'href')).toBe('https://buy.stripe.com/test_aBc123?prefilled_email=a%40b.example');
      expect(await page.getAttribute('#bb', 'client-reference-id')).toBeNull();
      expect(sent.filter((s) => s.method !== 'GET')).toEqual([]);
      expect(sent.map((s) => s.path).filter((p) => p.startsWith('/event/'))).toEqual([]);
      expect((await context.cookies(closedShop.url)).find((c) => c.name === 'tributary_oid')).toBeUndefined();
    } finally {
      await context.close();
    }
  });
});

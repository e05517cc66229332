import type { AnalyticsBrowser } from '@segment/analytics-next';
import type { Browser, BrowserContext, Page, Request } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { analyticsNextBundle, launchChromium, serveStatic, type StaticSite } from '../support/browser.ts';
import { DIALECTS } from '../support/databases.ts';
import { startTestServer, waitFor, type TestServer } from '../support/harness.ts';
import { listEvents, listIncoming, waitForAllProcessed, type EventResource } from './canonical-events.ts';

/** What the test page's global scope holds once the UMD bundle has run. */
type PageGlobals = { AnalyticsNext: { AnalyticsBrowser: typeof AnalyticsBrowser } };

const PAGE_TITLE = 'Tributary shop';

/**
 * Segment's analytics.js snippet (5.2.0) as its docs give it, with the two changes Segment's
 * custom-proxy guide asks for: the script host, and `analytics._cdn` (needed here because the
 * SDK only derives its CDN from an https script URL). The test passes Tributary's URL and the write
 * key in the page's query string.
 */
const SNIPPET = `
var params = new URLSearchParams(location.search), TRIBUTARY = params.get('tributary'), WRITE_KEY = params.get('wk');
!function(){var i="analytics",analytics=window[i]=window[i]||[];if(!analytics.initialize){if(analytics.invoked)window.console&&console.error&&console.error("Segment snippet included twice.");else{analytics.invoked=!0;analytics.methods=["trackSubmit","trackClick","trackLink","trackForm","pageview","identify","reset","group","track","ready","alias","debug","page","screen","once","off","on","addSourceMiddleware","addIntegrationMiddleware","setAnonymousId","addDestinationMiddleware","register"];analytics.factory=function(e){return function(){if(window[i].initialized)return window[i][e].apply(window[i],arguments);var n=Array.prototype.slice.call(arguments);if(["track","screen","alias","group","page","identify"].indexOf(e)>-1){var c=document.querySelector("link[rel='canonical']");n.push({__t:"bpc",c:c&&c.getAttribute("href")||void 0,p:location.pathname,u:location.href,s:location.search,t:document.title,r:document.referrer})}n.unshift(e);analytics.push(n);return analytics}};for(var n=0;n<analytics.methods.length;n++){var key=analytics.methods[n];analytics[key]=analytics.factory(key)}analytics.load=function(key,n){var t=document.createElement("script");t.type="text/javascript";t.async=!0;t.setAttribute("data-global-segment-analytics-key",i);t.src=TRIBUTARY+"/analytics.js/v1/"+key+"/analytics.min.js";var r=document.getElementsByTagName("script")[0];r.parentNode.insertBefore(t,r);analytics._loadOptions=n};analytics._writeKey=WRITE_KEY;analytics._cdn=TRIBUTARY;analytics.SNIPPET_VERSION="5.2.0";
analytics.load(WRITE_KEY);
analytics.page();
}}}();
analytics.track('Snippet Track', { from: 'snippet' });
analytics.trackLink(document.getElementById('pricing'), 'Snippet Link');
`;
const bundle = analyticsNextBundle();

interface Traffic {
  /** Requests the page made to Tributary's tracking API (POST /v1/...). */
  posts: Array<{ path: string; contentType: string | undefined; body: string | null; status: number | undefined }>;
  /** Requests to any host other than the page's and Tributary's (the browser cannot resolve them). */
  foreign: string[];
  /** Every URL the page requested. */
  urls: string[];
}

/**
 * Opens the test page in a fresh browser context (no cookies, no localStorage, so a new
 * anonymousId) and records its traffic. Requests are observed, never intercepted: Playwright
 * answers CORS preflights itself for routed requests, which would hide what Tributary answers.
 */
async function openPage(browser: Browser, site: StaticSite, api: string, path = '/'): Promise<{ context: BrowserContext; page: Page; traffic: Traffic }> {
  const context = await browser.newContext();
  const traffic: Traffic = { posts: [], foreign: [], urls: [] };
  context.on('request', (request) => {
    const url = request.url();
    traffic.urls.push(url);
    if (!url.startsWith(`${site.url}/`) && !url.startsWith(`${api}/`) && url !== 'about:blank') traffic.foreign.push(url);
  });
  const page = await context.newPage();
  const entries = new Map<Request, Traffic['posts'][number]>();
  page.on('request', (request) => {
    if (request.method() !== 'POST' || !request.url().startsWith(`${api}/v1/`)) return;
    const entry: Traffic['posts'][number] = { path: new URL(request.url()).pathname, contentType: request.headers()['content-type'], body: request.postData(), status: undefined };
    entries.set(request, entry);
    traffic.posts.push(entry);
  });
  page.on('response', (response) => {
    const entry = entries.get(response.request());
    if (entry) entry.status = response.status();
  });
  await page.goto(`${site.url}${path}`);
  return { context, page, traffic };
}

describe('@segment/analytics-next in Chromium against Tributary', () => {
  let browser: Browser;
  let site: StaticSite;

  beforeAll(async () => {
    browser = await launchChromium();
    site = await serveStatic({
      '/': {
        type: 'text/html; charset=utf-8',
        body: `<!doctype html><html><head><title>${PAGE_TITLE}</title><script src="/analytics-next.js"></script></head><body><h1>Shop</h1></body></html>`,
      },
      // The UMD bundle fetches its code-split chunks from `{window.analytics._cdn}/analytics-next/bundles/`
      // (cdn.segment.com when unset), fixed when the script runs: a page that hosts the chunks says so first.
      '/self-hosted.html': {
        type: 'text/html; charset=utf-8',
        body:
          `<!doctype html><html><head><title>${PAGE_TITLE}</title><script>window.analytics = { _cdn: location.origin };</script>` +
          '<script src="/analytics-next.js"></script></head><body><a id="pricing" href="#pricing-table">Pricing</a><div id="pricing-table"></div></body></html>',
      },
      '/snippet.html': {
        type: 'text/html; charset=utf-8',
        body: `<!doctype html><html><head><title>${PAGE_TITLE}</title></head><body><a id="pricing" href="#pricing-table">Pricing</a><div id="pricing-table"></div><script>${SNIPPET}</script></body></html>`,
      },
      '/analytics-next.js': { type: 'text/javascript; charset=utf-8', body: bundle.source },
      ...Object.fromEntries(
        Object.entries(bundle.chunks).map(([file, body]) => [`/analytics-next/bundles/${file}`, { type: 'text/javascript; charset=utf-8', body }]),
      ),
    });
  });
  afterAll(async () => {
    await browser?.close();
    await site?.close();
  });

  describe.each(DIALECTS)('on %s', (dialect) => {
    let server: TestServer;
    let api: string;

    beforeAll(async () => {
      server = await startTestServer(dialect);
      api = await server.listen();
    });
    afterAll(() => server?.close());

    async function eventsOf(anonymousId: string, count: number): Promise<EventResource[]> {
      await waitFor(async () => ((await listEvents(server)).filter((e) => e.anonymous_id === anonymousId).length >= count ? true : undefined), `${count} events of ${anonymousId}`);
      const { events } = await waitForAllProcessed(server);
      return events.filter((event) => event.anonymous_id === anonymousId);
    }

    it('loads its settings from Tributary and delivers page, track, identify, group and alias with the browser identity and page context', async () => {
      const { context, page, traffic } = await openPage(browser, site, api);
      try {
        const seen = await page.evaluate(
          async ({ writeKey, cdnURL }) => {
            const { AnalyticsBrowser } = (globalThis as unknown as PageGlobals).AnalyticsNext;
            const [analytics] = await AnalyticsBrowser.load({ writeKey, cdnURL });
            await analytics.page('Docs', 'Pricing', { plan: 'pro' });
            await analytics.track('Signup Clicked', { button: 'hero' });
            await analytics.identify('browser-user-1', { email: 'web@example.com' });
            await analytics.track('After Identify');
            await analytics.group('acme', { plan: 'enterprise' });
            await analytics.alias('browser-user-2');
            return { anonymousId: analytics.user().anonymousId()!, userAgent: navigator.userAgent, href: location.href, version: analytics.VERSION };
          },
          { writeKey: server.writeKey, cdnURL: api },
        );
        const events = await eventsOf(seen.anonymousId, 6);
        await waitFor(() => (traffic.posts.length >= 6 && traffic.posts.every((post) => post.status !== undefined) ? true : undefined), 'answers to the SDK requests');

        expect(traffic.foreign).toEqual([]);
        expect(traffic.posts.map((post) => post.path).sort()).toEqual(['/v1/a', '/v1/g', '/v1/i', '/v1/p', '/v1/t', '/v1/t']);
        expect(traffic.posts.every((post) => post.status === 200 && post.contentType === 'text/plain')).toBe(true);
        expect(events).toHaveLength(6);
        // The SDK does not wait for one request before sending the next, so match events by kind, not order.
        const find = (type: string, name: string | null = null) => {
          const found = events.filter((event) => event.type === type && event.event === name);
          expect(found, `${type} ${name ?? ''}`).toHaveLength(1);
          return found[0]!;
        };
        expect(find('page', 'Pricing')).toMatchObject({ user_id: null, properties: { plan: 'pro', name: 'Pricing', category: 'Docs', url: seen.href, path: '/', title: PAGE_TITLE } });
        expect(find('track', 'Signup Clicked')).toMatchObject({ user_id: null, properties: { button: 'hero' } });
        expect(find('identify')).toMatchObject({ user_id: 'browser-user-1', email: 'web@example.com', traits: { email: 'web@example.com' } });
        expect(find('track', 'After Identify')).toMatchObject({ user_id: 'browser-user-1' });
        expect(find('group')).toMatchObject({ user_id: 'browser-user-1', group_id: 'acme', traits: { plan: 'enterprise' } });
        // analytics-next 1.84 overwrites an alias's userId with the current user's id; the event
        // is stored as the SDK sent it, whatever the SDK decided.
        const sentAlias = JSON.parse(traffic.posts.find((post) => post.path === '/v1/a')!.body ?? '{}') as { userId: string; previousId: string };
        expect(find('alias')).toMatchObject({ user_id: sentAlias.userId, previous_id: sentAlias.previousId });
        expect(seen.version).toContain(bundle.version);
        for (const event of events) {
          expect(event.context).toMatchObject({
            userAgent: seen.userAgent,
            library: { name: 'analytics.js', version: expect.stringContaining(bundle.version) },
            page: { url: seen.href, path: '/', title: PAGE_TITLE },
            ip: '127.0.0.1',
          });
        }
        expect(JSON.stringify(await listIncoming(server))).not.toContain(server.writeKey);
      } finally {
        await context.close();
      }
    });

    it('corrects the timestamps of a browser whose clock runs an hour fast', async () => {
      const skewMs = 3_600_000;
      const { context, page } = await openPage(browser, site, api);
      try {
        await page.clock.setSystemTime(Date.now() + skewMs);
        const anonymousId = await page.evaluate(
          async ({ writeKey, cdnURL }) => {
            const { AnalyticsBrowser } = (globalThis as unknown as PageGlobals).AnalyticsNext;
            const [analytics] = await AnalyticsBrowser.load({ writeKey, cdnURL });
            await analytics.track('Fast Clock');
            return analytics.user().anonymousId()!;
          },
          { writeKey: server.writeKey, cdnURL: api },
        );
        const [event] = await eventsOf(anonymousId, 1);
        const ms = (iso: string | null) => Date.parse(iso ?? '');
        // The browser stamped both times an hour ahead; the event lands at the server's time.
        expect(ms(event!.original_timestamp) - ms(event!.received_at)).toBeGreaterThan(skewMs - 60_000);
        expect(ms(event!.sent_at)).toBeGreaterThanOrEqual(ms(event!.original_timestamp));
        expect(ms(event!.timestamp)).toBe(ms(event!.received_at) - (ms(event!.sent_at) - ms(event!.original_timestamp)));
        expect(Math.abs(ms(event!.timestamp) - ms(event!.received_at))).toBeLessThan(60_000);
      } finally {
        await context.close();
      }
    });

    it('delivers events with the load options the SDK documents: a cdnURL ending in /, extra headers, credentials, keepalive', async () => {
      const { context, page, traffic } = await openPage(browser, site, api);
      try {
        const anonymousId = await page.evaluate(
          async ({ writeKey, cdnURL }) => {
            const { AnalyticsBrowser } = (globalThis as unknown as PageGlobals).AnalyticsNext;
            const config = { headers: { 'X-Shop-Region': 'eu-1' }, credentials: 'include' as const, keepalive: true };
            const [analytics] = await AnalyticsBrowser.load({ writeKey, cdnURL }, { integrations: { 'Segment.io': { deliveryStrategy: { config } } } });
            await analytics.track('With Options', { via: 'fetch' });
            return analytics.user().anonymousId()!;
          },
          { writeKey: server.writeKey, cdnURL: `${api}/` },
        );
        const [event] = await eventsOf(anonymousId, 1);
        expect(traffic.foreign).toEqual([]);
        expect(event).toMatchObject({ type: 'track', event: 'With Options', properties: { via: 'fetch' } });
      } finally {
        await context.close();
      }
    });

    it('refuses to configure the SDK for an unknown write key: load rejects with the 404 body and nothing is sent', async () => {
      const { context, page, traffic } = await openPage(browser, site, api);
      try {
        const failure = await page.evaluate(async (cdnURL) => {
          const { AnalyticsBrowser } = (globalThis as unknown as PageGlobals).AnalyticsNext;
          try {
            await AnalyticsBrowser.load({ writeKey: 'wk_unknown_to_tributary', cdnURL });
            return 'loaded';
          } catch (error) {
            return (error as Error).message;
          }
        }, api);
        expect(JSON.parse(failure)).toMatchObject({ error: { code: 'not_found' } });
        expect(traffic.posts).toEqual([]);
        expect(traffic.foreign).toEqual([]);
      } finally {
        await context.close();
      }
    });

    it('runs trackLink and ajs_ query parameters from chunks hosted beside the UMD bundle, never from Segment\'s CDN', async () => {
      const { context, page, traffic } = await openPage(browser, site, api, '/self-hosted.html?ajs_uid=query-user&ajs_event=Email%20Clicked');
      try {
        const anonymousId = await page.evaluate(
          async ({ writeKey, cdnURL }) => {
            const { AnalyticsBrowser } = (globalThis as unknown as PageGlobals).AnalyticsNext;
            const [analytics] = await AnalyticsBrowser.load({ writeKey, cdnURL });
            await analytics.trackLink(document.getElementById('pricing'), 'Pricing Link Clicked');
            return analytics.user().anonymousId()!;
          },
          { writeKey: server.writeKey, cdnURL: api },
        );
        await page.click('#pricing');
        const events = await eventsOf(anonymousId, 3);

        expect(traffic.foreign).toEqual([]);
        expect(events.map((event) => [event.type, event.event]).sort()).toEqual([
          ['identify', null],
          ['track', 'Email Clicked'],
          ['track', 'Pricing Link Clicked'],
        ]);
        expect(events.find((event) => event.type === 'identify')!.user_id).toBe('query-user');
      } finally {
        await context.close();
      }
    });

    it('works from Segment\'s snippet with Tributary as its CDN: script, settings, on-demand code and events all from Tributary', async () => {
      const query = new URLSearchParams({ tributary: api, wk: server.writeKey, ajs_event: 'Email Opened' });
      const { context, page, traffic } = await openPage(browser, site, api, `/snippet.html?${query}`);
      try {
        await page.waitForFunction(() => (globalThis as unknown as { analytics?: { initialized?: boolean } }).analytics?.initialized === true, undefined, {
          timeout: 10_000,
        });
        const anonymousId = await page.evaluate(() => (globalThis as unknown as { analytics: { user(): { anonymousId(): string } } }).analytics.user().anonymousId());
        await page.click('#pricing');
        const events = await eventsOf(anonymousId, 4);

        expect(traffic.foreign).toEqual([]);
        expect(traffic.urls).toContain(`${api}/analytics.js/v1/${server.writeKey}/analytics.min.js`);
        expect(traffic.urls.filter((url) => url.startsWith(`${api}/analytics-next/bundles/`)).length).toBeGreaterThan(0);
        expect(events.map((event) => [event.type, event.event]).sort()).toEqual([
          ['page', null],
          ['track', 'Email Opened'],
          ['track', 'Snippet Link'],
          ['track', 'Snippet Track'],
        ]);
        expect(events.find((event) => event.type === 'page')!.context.page).toMatchObject({ path: '/snippet.html', title: PAGE_TITLE });
      } finally {
        await context.close();
      }
    });

    it('delivers batched events through /v1/b, and flushes the rest with keepalive when the visitor leaves the page', async () => {
      const { context, page, traffic } = await openPage(browser, site, api);
      try {
        const anonymousId = await page.evaluate(
          async ({ writeKey, cdnURL }) => {
            const { AnalyticsBrowser } = (globalThis as unknown as PageGlobals).AnalyticsNext;
            // Size 3 sends the first three at once; the last two wait for a flush that only leaving the page triggers.
            const deliveryStrategy = { strategy: 'batching' as const, config: { size: 3, timeout: 60_000 } };
            const [analytics] = await AnalyticsBrowser.load({ writeKey, cdnURL }, { integrations: { 'Segment.io': { deliveryStrategy } } });
            for (let i = 0; i < 5; i += 1) await analytics.track('Batched', { i });
            return analytics.user().anonymousId()!;
          },
          { writeKey: server.writeKey, cdnURL: api },
        );
        await eventsOf(anonymousId, 3);
        await page.goto('about:blank');
        const events = await eventsOf(anonymousId, 5);

        expect(traffic.foreign).toEqual([]);
        expect(traffic.posts.length).toBeGreaterThanOrEqual(1);
        expect(traffic.posts.every((post) => post.path === '/v1/b')).toBe(true);
        expect(events).toHaveLength(5);
        expect(events.map((event) => event.properties.i).sort()).toEqual([0, 1, 2, 3, 4]);
        expect(new Set(events.map((event) => event.message_id)).size).toBe(5);
        for (const event of events) expect(event.sent_at).not.toBeNull();
        // Batched events each carry the write key; none of them may keep it in storage.
        expect(traffic.posts[0]!.body).toContain(server.writeKey);
        expect(JSON.stringify(await listIncoming(server))).not.toContain(server.writeKey);
      } finally {
        await context.close();
      }
    });
  });
});

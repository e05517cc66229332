import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { analyticsNextBundle, launchChromium, serveStatic, type StaticSite } from '../support/browser.ts';
import { DIALECTS } from '../support/databases.ts';
import { useTestServer } from '../support/harness.ts';
import { eventsOf, incomingOf, openPage, PAGE_TITLE, type PageGlobals } from './browser-page.ts';

/**
 * Segment's analytics.js snippet (5.2.0) as its docs give it, with the two changes Segment's
 * custom-proxy guide asks for: the script host, and `analytics._cdn` (needed here because the
 * SDK only derives its CDN from an https script URL). The test passes Tributary's URL and the write
 * key in the page's URL fragment, which the SDK leaves out of the page URLs it reports.
 */
const SNIPPET = `
var params = new URLSearchParams(location.hash.slice(1)), TRIBUTARY = params.get('tributary'), WRITE_KEY = params.get('wk');
!function(){var i="analytics",analytics=window[i]=window[i]||[];if(!analytics.initialize){if(analytics.invoked)window.console&&console.error&&console.error("Segment snippet included twice.");else{analytics.invoked=!0;analytics.methods=["trackSubmit","trackClick","trackLink","trackForm","pageview","identify","reset","group","track","ready","alias","debug","page","screen","once","off","on","addSourceMiddleware","addIntegrationMiddleware","setAnonymousId","addDestinationMiddleware","register"];analytics.factory=function(e){return function(){if(window[i].initialized)return window[i][e].apply(window[i],arguments);var n=Array.prototype.slice.call(arguments);if(["track","screen","alias","group","page","identify"].indexOf(e)>-1){var c=document.querySelector("link[rel='canonical']");n.push({__t:"bpc",c:c&&c.getAttribute("href")||void 0,p:location.pathname,u:location.href,s:location.search,t:document.title,r:document.referrer})}n.unshift(e);analytics.push(n);return analytics}};for(var n=0;n<analytics.methods.length;n++){var key=analytics.methods[n];analytics[key]=analytics.factory(key)}analytics.load=function(key,n){var t=document.createElement("script");t.type="text/javascript";t.async=!0;t.setAttribute("data-global-segment-analytics-key",i);t.src=TRIBUTARY+"/analytics.js/v1/"+key+"/analytics.min.js";var r=document.getElementsByTagName("script")[0];r.parentNode.insertBefore(t,r);analytics._loadOptions=n};analytics._writeKey=WRITE_KEY;analytics._cdn=TRIBUTARY;analytics.SNIPPET_VERSION="5.2.0";
analytics.load(WRITE_KEY);
analytics.page();
}}}();
analytics.track('Snippet Track', { from: 'snippet' });
analytics.trackLink(document.getElementById('pricing'), 'Snippet Link');
`;
const bundle = analyticsNextBundle();

/**
 * analytics-next as most sites install it, from Segment's snippet, and its UMD build: both load
 * code from their CDN as they run (the standalone script, then chunks on demand), which Tributary
 * serves so that a page needs nothing from Segment.
 */
describe('analytics-next from the snippet and the UMD build, with Tributary as its CDN', () => {
  let browser: Browser;
  let site: StaticSite;

  beforeAll(async () => {
    browser = await launchChromium();
    site = await serveStatic({
      '/snippet.html': {
        type: 'text/html; charset=utf-8',
        body: `<!doctype html><html><head><title>${PAGE_TITLE}</title></head><body><a id="pricing" href="#pricing-table">Pricing</a><div id="pricing-table"></div><script>${SNIPPET}</script></body></html>`,
      },
      // The UMD bundle fetches its code-split chunks from `{window.analytics._cdn}/analytics-next/bundles/`
      // (cdn.segment.com when unset), fixed when the script runs: the page names Tributary first.
      '/umd-cdn.html': {
        type: 'text/html; charset=utf-8',
        body:
          `<!doctype html><html><head><title>${PAGE_TITLE}</title>` +
          `<script>window.analytics = { _cdn: new URLSearchParams(location.search).get('tributary') };</script>` +
          '<script src="/analytics-next.js"></script></head><body><a id="pricing" href="#pricing-table">Pricing</a><div id="pricing-table"></div></body></html>',
      },
      '/analytics-next.js': { type: 'text/javascript; charset=utf-8', body: bundle.source },
    });
  });
  afterAll(async () => {
    await browser?.close();
    await site?.close();
  });

  describe.each(DIALECTS)('on %s', (dialect) => {
    const server = useTestServer(dialect);
    let api: string;

    beforeAll(async () => {
      api = await server.listen();
    });

    it('works from Segment\'s snippet with Tributary as its CDN: script, settings, on-demand code and events all from Tributary', async () => {
      const fragment = new URLSearchParams({ tributary: api, wk: server.writeKey });
      const { context, page, traffic } = await openPage(browser, site, api, `/snippet.html?ajs_event=Email%20Opened#${fragment}`);
      try {
        await page.waitForFunction(() => (globalThis as unknown as { analytics?: { initialized?: boolean } }).analytics?.initialized === true, undefined, {
          timeout: 10_000,
        });
        const anonymousId = await page.evaluate(() => (globalThis as unknown as { analytics: { user(): { anonymousId(): string } } }).analytics.user().anonymousId());
        await page.click('#pricing');
        const events = await eventsOf(server, anonymousId, 4);

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
        expect(JSON.stringify(await incomingOf(server, anonymousId))).not.toContain(server.writeKey);
      } finally {
        await context.close();
      }
    });

    it('runs trackLink and ajs_ query parameters in the UMD build with its chunks from Tributary, never from Segment\'s CDN', async () => {
      const query = new URLSearchParams({ tributary: api, ajs_uid: 'query-user', ajs_event: 'Email Clicked' });
      const { context, page, traffic } = await openPage(browser, site, api, `/umd-cdn.html?${query}`);
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
        const events = await eventsOf(server, anonymousId, 3);

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
  });
});

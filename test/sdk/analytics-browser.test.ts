import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { analyticsNextBundle, launchChromium, serveStatic, type StaticSite } from '../support/browser.ts';
import { DIALECTS } from '../support/databases.ts';
import { useTestServer, waitFor } from '../support/harness.ts';
import { eventsOf, incomingOf, openPage, PAGE_TITLE, type PageGlobals } from './browser-page.ts';

const bundle = analyticsNextBundle();

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
        const events = await eventsOf(server, seen.anonymousId, 6);
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
        expect(JSON.stringify(await incomingOf(server, seen.anonymousId))).not.toContain(server.writeKey);
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
        const [event] = await eventsOf(server, anonymousId, 1);
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
        const [event] = await eventsOf(server, anonymousId, 1);
        expect(traffic.foreign).toEqual([]);
        expect(event).toMatchObject({ type: 'track', event: 'With Options', properties: { via: 'fetch' } });
      } finally {
        await context.close();
      }
    });

    it('takes a message sent with navigator.sendBeacon: text/plain;charset=UTF-8, write key in the body, no preflight', async () => {
      const { context, page, traffic } = await openPage(browser, site, api);
      try {
        const queued = await page.evaluate(
          ({ writeKey, url }) => navigator.sendBeacon(url, JSON.stringify({ type: 'track', event: 'Beacon', anonymousId: 'anon-beacon', writeKey, messageId: 'beacon-1' })),
          { writeKey: server.writeKey, url: `${api}/v1/t` },
        );
        expect(queued).toBe(true);
        const [event] = await eventsOf(server, 'anon-beacon', 1);
        expect(event).toMatchObject({ type: 'track', event: 'Beacon', message_id: 'beacon-1' });
        expect(traffic.posts[0]!.contentType).toBe('text/plain;charset=UTF-8');
        expect(JSON.stringify(await incomingOf(server, 'anon-beacon'))).not.toContain(server.writeKey);
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
        await eventsOf(server, anonymousId, 3);
        await page.goto('about:blank');
        const events = await eventsOf(server, anonymousId, 5);

        expect(traffic.foreign).toEqual([]);
        expect(traffic.posts.length).toBeGreaterThanOrEqual(1);
        expect(traffic.posts.every((post) => post.path === '/v1/b')).toBe(true);
        expect(events).toHaveLength(5);
        expect(events.map((event) => event.properties.i).sort()).toEqual([0, 1, 2, 3, 4]);
        expect(new Set(events.map((event) => event.message_id)).size).toBe(5);
        for (const event of events) expect(event.sent_at).not.toBeNull();
        // Batched events each carry the write key; none of them may keep it in storage.
        expect(traffic.posts[0]!.body).toContain(server.writeKey);
        expect(JSON.stringify(await incomingOf(server, anonymousId))).not.toContain(server.writeKey);
      } finally {
        await context.close();
      }
    });
  });
});

import type { AnalyticsBrowser } from '@segment/analytics-next';
import type { Browser, BrowserContext, Page, Request } from 'playwright-core';
import { expect } from 'vitest';
import type { StaticSite } from '../support/browser.ts';
import { waitFor, type TestServer } from '../support/harness.ts';
import { listEvents, listIncoming, waitForAllProcessed, type EventResource } from './canonical-events.ts';

/** What a test page's global scope holds once analytics-next's UMD bundle has run. */
export type PageGlobals = { AnalyticsNext: { AnalyticsBrowser: typeof AnalyticsBrowser } };

export const PAGE_TITLE = 'Tributary shop';

/** What a page sent and fetched. */
export interface Traffic {
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
export async function openPage(browser: Browser, site: StaticSite, api: string, path = '/'): Promise<{ context: BrowserContext; page: Page; traffic: Traffic }> {
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

/** Waits for `count` events of one browser, then for every inbox row to be processed; returns the browser's events. */
export async function eventsOf(server: TestServer, anonymousId: string, count: number): Promise<EventResource[]> {
  await waitFor(
    async () => ((await listEvents(server)).filter((event) => event.anonymous_id === anonymousId).length >= count ? true : undefined),
    `${count} events of ${anonymousId}`,
  );
  const { events } = await waitForAllProcessed(server);
  return events.filter((event) => event.anonymous_id === anonymousId);
}

/** The stored (inbox) messages of one browser, so a check on them is not confused by other tests' pages. */
export async function incomingOf(server: TestServer, anonymousId: string) {
  const rows = (await listIncoming(server)).filter((row) => row.payload.anonymousId === anonymousId);
  expect(rows.length).toBeGreaterThan(0);
  return rows;
}

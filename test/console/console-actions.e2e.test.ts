import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureConsoleBuild } from '../../scripts/build-console.ts';
import { launchChromium } from '../support/browser.ts';
import { bearer, startTestServer, waitFor, type TestServer } from '../support/harness.ts';

/** A receiver that always answers 503: deliveries to it keep retrying with an error. */
async function startFailingReceiver(): Promise<{ url: string; hits: { count: number }; close: () => Promise<void> }> {
  const hits = { count: 0 };
  const server: Server = createServer((request, response) => {
    request.resume();
    request.on('end', () => {
      hits.count += 1;
      response.writeHead(503, { 'content-type': 'application/json' }).end('{}');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/hook`,
    hits,
    close: () => new Promise<void>((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    }),
  };
}

/**
 * Issue 15 §6: every console action refreshes what it changed and says what happened; the
 * transformation runner shows a mismatch when it runs; destinations can be edited and deleted;
 * forms a key cannot use are hidden with the reason; the favicon is served.
 */
describe('console actions (Chromium, SQLite)', { timeout: 90_000 }, () => {
  let server: TestServer;
  let strict: TestServer;
  let base: string;
  let strictBase: string;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  let receiver: Awaited<ReturnType<typeof startFailingReceiver>>;
  const ws = () => `/api/v1/workspaces/${server.workspaceId}`;
  const api = async (method: string, path: string, payload?: unknown, target = server) => {
    const res = await target.inject({
      method: method as 'GET',
      url: path,
      headers: { authorization: bearer(target.operatorToken), ...(payload === undefined ? {} : { 'content-type': 'application/json' }) },
      ...(payload === undefined ? {} : { payload: JSON.stringify(payload) }),
    });
    return { status: res.statusCode, body: res.body ? JSON.parse(res.body) : undefined, headers: res.headers };
  };
  const track = (name: string, properties: Record<string, unknown>) =>
    server.inject({
      method: 'POST',
      url: `${ws()}/events/track`,
      headers: { authorization: bearer(server.writeKey), 'x-workspace-id': server.workspaceId, 'content-type': 'application/json' },
      payload: JSON.stringify({ event: name, user_id: 'user-1', properties }),
    });
  const signIn = async (target: Page, origin: string, token: string, workspaceId: string) => {
    await target.goto(`${origin}/`);
    await target.getByLabel('Operator token or API key').fill(token);
    await target.getByLabel('Workspace id (needed with an API key)').fill(workspaceId);
    await target.getByRole('button', { name: 'Sign in' }).click();
    await target.getByRole('heading', { name: 'Overview' }).waitFor();
  };
  const open = (path: string) => page.goto(`${base}/w/${server.workspaceId}/${path}`);

  beforeAll(async () => {
    await ensureConsoleBuild({ quiet: true });
    server = await startTestServer('sqlite', { forwardAllowPrivateTargets: true });
    base = await server.listen();
    strict = await startTestServer('sqlite');
    strictBase = await strict.listen();
    receiver = await startFailingReceiver();
    browser = await launchChromium();
    context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
    context.setDefaultTimeout(15_000);
    page = await context.newPage();
    page.on('pageerror', (error) => console.error('page error:', error.message));
    await signIn(page, base, server.operatorToken, server.workspaceId);
  });

  afterAll(async () => {
    await browser?.close();
    await receiver?.close();
    await server?.close();
    await strict?.close();
  });

  it('serves a favicon: no page load answers 404', async () => {
    const missing: string[] = [];
    const listener = (response: { status(): number; url(): string }) => {
      if (response.status() === 404) missing.push(response.url());
    };
    page.on('response', listener);
    await open('overview');
    await page.getByRole('heading', { name: 'Overview' }).waitFor();
    await page.waitForLoadState('networkidle');
    page.off('response', listener);
    expect(missing).toEqual([]);
    const icon = await server.inject({ method: 'GET', url: '/favicon.ico', headers: { accept: 'image/avif,image/webp,image/*,*/*;q=0.8' } });
    expect(icon.statusCode).toBe(200);
    expect(icon.headers['content-type']).toMatch(/^image\//);
  });

  it('shows how the output differs from the expected output when running, before Activate', async () => {
    await open('transformations');
    await page.getByRole('button', { name: 'New transformation' }).click();
    await page.getByLabel('Name', { exact: true }).fill('Tiering');
    const expected = page.getByTestId('editor-Expected output (JSON)').locator('.cm-content');
    await expected.waitFor();
    await expected.fill('{ "event": "purchase_completed", "properties": { "total": 150, "tier": "gold" } }');
    await page.getByRole('button', { name: 'Run' }).click();
    const result = page.getByLabel('Run result');
    await result.getByText('"tier": "high_value"').waitFor();
    await result.getByText('differs from the expected output').waitFor();
    expect(await result.textContent()).toContain('properties.tier');
    expect(await result.getByText('ok', { exact: true }).count()).toBe(0);
  });

  it('refreshes the run after Mark paid and says what happened', async () => {
    const program = await api('POST', `${ws()}/programs`, { name: 'Affiliates', incentive: { type: 'percent', basis_points: 1000 } });
    expect(program.status).toBe(201);
    const ada = await api('POST', `${ws()}/collaborators`, { name: 'Ada' });
    const visit = await server.inject({ method: 'POST', url: '/event/site-visited', headers: { authorization: bearer(server.operatorToken), 'x-workspace-id': server.workspaceId, 'content-type': 'application/json' }, payload: JSON.stringify({ collaboratorId: ada.body.id, userId: 'buyer-1' }) });
    expect(visit.statusCode).toBe(200);
    const sale = await server.inject({ method: 'POST', url: '/event/sale', headers: { authorization: bearer(server.operatorToken), 'x-workspace-id': server.workspaceId, 'content-type': 'application/json' }, payload: JSON.stringify({ source: 'stripe', externalId: 'ord_paid', total: '50.00', currency: 'USD', trackingId: Number(visit.headers['x-siren-oid']), userId: 'buyer-1' }) });
    expect(sale.statusCode).toBe(200);

    await open('attribution?tab=fulfillments');
    await page.getByRole('button', { name: 'Start a run' }).click();
    const payouts = page.getByRole('table', { name: 'Payouts' });
    await payouts.getByText('5.00 USD').waitFor();
    const runs = page.getByRole('table', { name: 'Fulfillment runs' });
    await runs.getByText('processing').waitFor();
    await payouts.getByRole('button', { name: 'Mark paid' }).click();
    await payouts.getByText('paid', { exact: true }).waitFor();
    await page.getByRole('status').filter({ hasText: /marked paid/ }).waitFor();
    await runs.getByText('complete').waitFor();
  });

  it('says what Retry on a blocked inbox row did', async () => {
    const contract = await api('POST', `${ws()}/event-contracts`, {
      name: 'Checkout schema',
      event_type: 'track',
      event_name: 'checkout',
      schema_definition: { type: 'object', properties: { total: { type: 'number' } } },
      enforcement_mode: 'block',
    });
    expect(contract.status, JSON.stringify(contract.body)).toBe(201);
    const blocked = JSON.parse((await track('checkout', { total: 'nope' })).body) as { id: string };
    await waitFor(async () => ((await api('GET', `${ws()}/events/incoming?status=blocked`)).body.data.some((row: { id: string }) => row.id === blocked.id) ? true : undefined), 'the blocked row');
    await open('events?status=blocked');
    const incoming = page.getByRole('table', { name: 'Incoming events' });
    await incoming.getByRole('button', { name: 'Retry' }).first().click();
    await page.getByRole('status').filter({ hasText: /queued again/ }).waitFor();
  });

  it('counts deliveries that are retrying with errors as failing on the overview', async () => {
    const destination = await api('POST', `${ws()}/destinations`, { name: 'Down', url: receiver.url });
    expect(destination.status).toBe(201);
    expect((await api('POST', `${ws()}/event-forwarding-rules`, { name: 'All', destination_id: destination.body.id, event_types: ['track'], event_names: ['ship'] })).status).toBe(201);
    expect((await track('ship', { n: 1 })).statusCode).toBe(202);
    await waitFor(async () => ((await api('GET', `${ws()}/deliveries?status=pending`)).body.data.some((row: { last_error: string | null }) => row.last_error) ? true : undefined), 'a delivery retrying with an error');
    await open('overview');
    const stat = page.locator('.stat').filter({ hasText: 'deliveries failing' });
    await stat.locator('.stat-value').filter({ hasText: /^[1-9]/ }).waitFor();
    await page.getByRole('table', { name: 'Failing deliveries' }).getByText('HTTP 503').waitFor();
  });

  it('edits and deletes a destination', async () => {
    await open('destinations');
    const list = page.getByRole('list', { name: 'Destinations' });
    const item = list.getByRole('listitem').filter({ hasText: 'Down' });
    await item.getByRole('button', { name: 'Edit' }).click();
    const form = page.getByRole('form', { name: 'Edit destination Down' });
    await form.getByLabel('Name', { exact: true }).fill('Down for now');
    await form.getByRole('button', { name: 'Save' }).click();
    await list.getByText('Down for now').waitFor();
    await page.getByRole('status').filter({ hasText: /saved/ }).waitFor();
    // A rule still sends to it: the API refuses, and the page says why.
    page.once('dialog', (dialog) => void dialog.accept());
    await list.getByRole('listitem').filter({ hasText: 'Down for now' }).getByRole('button', { name: 'Delete' }).click();
    await page.getByRole('alert').filter({ hasText: /still uses this destination/ }).waitFor();
    page.once('dialog', (dialog) => void dialog.accept());
    await page.getByRole('list', { name: 'Rules' }).getByRole('listitem').filter({ hasText: 'All' }).getByRole('button', { name: 'Delete' }).click();
    await page.getByRole('status').filter({ hasText: /Rule “All” deleted/ }).waitFor();
    page.once('dialog', (dialog) => void dialog.accept());
    await list.getByRole('listitem').filter({ hasText: 'Down for now' }).getByRole('button', { name: 'Delete' }).click();
    await page.getByRole('status').filter({ hasText: /Destination “Down for now” deleted/ }).waitFor();
    expect(await list.getByText('Down for now').count()).toBe(0);
    expect((await api('GET', `${ws()}/destinations`)).body).toEqual([]);
  });

  it('adds a destination of another type from the form its schema generates, tests it, and never shows its secret', async () => {
    await open('destinations');
    const form = page.getByRole('form', { name: 'New destination' });
    await form.getByLabel('Type').selectOption('amplitude');
    await form.getByRole('heading', { name: 'New Amplitude destination' }).waitFor();
    await form.getByLabel('Name', { exact: true }).fill('Product analytics');
    await form.getByLabel('API key').fill('amp-console-key-0123456789');
    await form.getByLabel('Base URL').fill(receiver.url.replace(/\/hook$/, ''));
    await form.getByRole('button', { name: 'Add' }).click();
    const item = page.getByRole('list', { name: 'Destinations' }).getByRole('listitem').filter({ hasText: 'Product analytics' });
    await item.getByText('amplitude', { exact: true }).waitFor();
    await item.getByRole('button', { name: 'Test' }).click();
    // The receiver answers 503: the test says so, and that deliveries would be retried.
    const result = page.getByRole('status', { name: 'Test result' });
    await result.getByText(/Not accepted/).waitFor();
    await result.getByText(/retryable/).waitFor();
    expect(await page.content()).not.toContain('amp-console-key-0123456789');
    const created = (await api('GET', `${ws()}/destinations`)).body.find((destination: { name: string }) => destination.name === 'Product analytics');
    expect(created).toMatchObject({ type: 'amplitude', config: { api_key: '••••6789' } });
    expect((await api('DELETE', `${ws()}/destinations/${created.id}`)).status).toBe(204);
  });

  it('shows how to allow a private URL when the server refuses it', async () => {
    const other = await context.newPage();
    await signIn(other, strictBase, strict.operatorToken, strict.workspaceId);
    await other.goto(`${strictBase}/w/${strict.workspaceId}/destinations`);
    const form = other.getByRole('form', { name: 'New destination' });
    await form.getByLabel('Name', { exact: true }).fill('Local');
    await form.getByLabel('URL').fill('http://127.0.0.1:9/hook');
    await form.getByRole('button', { name: 'Add' }).click();
    await form.getByRole('alert').getByText(/FORWARD_ALLOW_PRIVATE_TARGETS=true/).first().waitFor();
    await other.close();
  });

  it('hides the attribution forms from a key without the admin scope, and says why', async () => {
    const key = await api('POST', `${ws()}/api-keys`, { label: 'events only', scopes: ['events:read'] });
    expect(key.status).toBe(201);
    const other = await context.newPage();
    await other.evaluate(() => sessionStorage.clear()).catch(() => undefined);
    await signIn(other, base, key.body.key, server.workspaceId);
    await other.goto(`${base}/w/${server.workspaceId}/attribution`);
    await other.getByText(/needs an API key with the admin scope/).first().waitFor();
    expect(await other.getByRole('form', { name: 'New collaborator' }).count()).toBe(0);
    await other.goto(`${base}/w/${server.workspaceId}/destinations`);
    await other.getByText(/needs an API key with the admin scope/).first().waitFor();
    expect(await other.getByRole('form', { name: 'New destination' }).count()).toBe(0);
    await other.close();
  });
});

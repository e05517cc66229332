import { createServer, type Server } from 'node:http';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureConsoleBuild } from '../../scripts/build-console.ts';
import { launchChromium } from '../support/browser.ts';
import { bearer, startTestServer, waitFor, type TestServer } from '../support/harness.ts';

// A normal run must not rewrite tracked files: screenshots go to a temp folder unless
// UPDATE_SCREENSHOTS=1 asks to refresh the ones the README shows.
const SCREENSHOTS =
  process.env.UPDATE_SCREENSHOTS === '1'
    ? fileURLToPath(new URL('../../docs/screenshots/', import.meta.url))
    : mkdtempSync(join(tmpdir(), 'tributary-console-shots-'));

/** A webhook receiver that answers whatever status the test sets, and counts what it got. */
async function startReceiver(): Promise<{ url: string; status: { code: number }; received: unknown[]; close: () => Promise<void> }> {
  const status = { code: 503 };
  const received: unknown[] = [];
  const server: Server = createServer((request, response) => {
    let body = '';
    request.on('data', (chunk: Buffer) => (body += chunk.toString()));
    request.on('end', () => {
      received.push(JSON.parse(body || 'null'));
      response.writeHead(status.code, { 'content-type': 'application/json' }).end('{}');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/hook`,
    status,
    received,
    close: () => new Promise<void>((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    }),
  };
}

/**
 * The console in a real browser against a real server (SQLite): every step a user takes, checked
 * through what the page shows, with a screenshot of each page for docs/screenshots.
 */
describe('web console (Chromium, SQLite)', { timeout: 60_000 }, () => {
  let server: TestServer;
  let base: string;
  let browser: Browser;
  let page: Page;
  let receiver: Awaited<ReturnType<typeof startReceiver>>;
  const api = (method: string, path: string, payload?: unknown, headers: Record<string, string> = {}) =>
    server.inject({
      method: method as 'GET',
      url: path,
      headers: { authorization: bearer(server.operatorToken), ...(payload === undefined ? {} : { 'content-type': 'application/json' }), ...headers },
      ...(payload === undefined ? {} : { payload: JSON.stringify(payload) }),
    });
  const ws = () => `/api/v1/workspaces/${server.workspaceId}`;
  const nav = (name: string) => page.getByRole('navigation', { name: 'Console' }).getByRole('link', { name, exact: true });
  const track = (name: string, properties: Record<string, unknown>, userId = 'user-1') =>
    server.inject({
      method: 'POST',
      url: `${ws()}/events/track`,
      headers: { authorization: bearer(server.writeKey), 'x-workspace-id': server.workspaceId, 'content-type': 'application/json' },
      payload: JSON.stringify({ event: name, user_id: userId, properties }),
    });
  const shot = (name: string) => page.screenshot({ path: join(SCREENSHOTS, `${name}.png`), fullPage: false });

  beforeAll(async () => {
    await ensureConsoleBuild({ quiet: true });
    // A retry budget of 1 ms makes the first failed delivery a dead letter at once.
    server = await startTestServer('sqlite', { forwardAllowPrivateTargets: true, forwardRetryBudgetMs: 1 });
    base = await server.listen();
    receiver = await startReceiver();
    browser = await launchChromium();
    const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
    // Fail a step with the locator that was missing, inside the test timeout; generous because the
    // full suite shares two cores with this browser.
    context.setDefaultTimeout(15_000);
    page = await context.newPage();
    page.on('pageerror', (error) => console.error('page error:', error.message));
  });

  afterAll(async () => {
    await browser?.close();
    await receiver?.close();
    await server?.close();
  });

  it('signs in with the operator token, keeps it out of the URL, and picks a workspace', async () => {
    await page.goto(`${base}/`);
    await page.getByLabel('Operator token or API key').fill('wrong-token-wrong-token');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await expect(page.getByRole('alert').textContent()).resolves.toContain('unauthorized');
    await shot('sign-in');

    await page.getByLabel('Operator token or API key').fill(server.operatorToken);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('heading', { name: 'Pick a workspace' }).waitFor();
    await page.getByRole('button', { name: /default/i }).click();
    await page.getByRole('heading', { name: 'Overview' }).waitFor();
    expect(page.url()).not.toContain(server.operatorToken);
    const stored = await page.evaluate(() => sessionStorage.getItem('tributary.session'));
    expect(stored).toContain(server.operatorToken);
    await page.getByText('No events in the last 24 hours.').waitFor();
  });

  it('shows events sent over HTTP in the live list as they arrive, and opens one', async () => {
    await nav('Live').click();
    await page.getByText('● connected').waitFor();
    for (const [index, name] of ['signup', 'purchase_completed'].entries()) {
      expect((await track(name, { total: 10 + index }, `user-${index}`)).statusCode).toBe(202);
    }
    await page.getByRole('button', { name: 'purchase_completed' }).waitFor();

    // Hovering the list holds new events back so rows do not move under the pointer.
    await page.getByRole('button', { name: 'signup' }).hover();
    expect((await track('checkout_started', {})).statusCode).toBe(202);
    await page.getByText('paused (1 waiting)').waitFor();
    expect(await page.getByRole('button', { name: 'checkout_started' }).count()).toBe(0);
    await page.getByRole('heading', { name: 'Live' }).hover();
    await page.getByRole('button', { name: 'checkout_started' }).waitFor();

    await page.getByRole('button', { name: 'signup' }).click();
    const detail = page.getByRole('complementary', { name: 'Event detail' });
    await detail.getByText('No contract matched this event.').waitFor();
    expect(await detail.textContent()).toContain('"user_id": "user-0"');
    await shot('live');
  });

  it('creates a contract in the schema editor, and a breaking event shows its violation live and in the list', async () => {
    await nav('Contracts').click();
    await page.getByText('No contracts yet.').waitFor();
    await page.getByRole('button', { name: 'New contract' }).click();
    const form = page.getByRole('form', { name: 'Contract' });
    await form.getByLabel('Name', { exact: true }).fill('Purchase Completed Schema');
    await form.getByLabel('Event name (empty: every event of the type)').fill('purchase_completed');
    await form.getByRole('button', { name: 'Create contract' }).click();
    await page.getByRole('heading', { name: 'Edit “Purchase Completed Schema”' }).waitFor();
    await page.getByText('No violations recorded.').waitFor();

    await nav('Live').click();
    await page.getByText('● connected').waitFor();
    expect((await track('purchase_completed', { total: 'abc' })).statusCode).toBe(202);
    await page.getByRole('cell').getByText('warned').waitFor();
    await page.getByRole('button', { name: 'purchase_completed' }).first().click();
    const detail = page.getByRole('complementary', { name: 'Event detail' });
    await detail.getByText('properties.total').first().waitFor();
    expect(await detail.textContent()).toContain('must be number');
    await shot('live-violation');

    await nav('Contracts').click();
    await page.getByRole('list', { name: 'Contracts list' }).getByRole('button', { name: /Purchase Completed Schema/ }).click();
    const violations = page.getByRole('table', { name: 'Violations' });
    await violations.waitFor();
    expect(await violations.textContent()).toContain('properties.total');
    expect(await violations.textContent()).toContain('properties.order_id');
    await shot('contracts');
  });

  it('writes a transformation, runs it against a sample with output, logs and timing, and activates it', async () => {
    await nav('Transformations').click();
    await page.getByRole('button', { name: 'New transformation' }).click();
    await page.getByLabel('Name', { exact: true }).fill('Double the total');
    const source = page.getByTestId('editor-Source (JavaScript)').locator('.cm-content');
    await source.waitFor();
    await source.fill("function transform(event) {\n  console.log('seen', event.event);\n  event.properties.doubled = event.properties.total * 2;\n  return event;\n}\n");
    await page.getByRole('button', { name: 'Run' }).click();
    const output = page.getByTestId('run-output');
    await output.getByText('"doubled": 300').waitFor();
    expect(await page.getByLabel('Run result').textContent()).toContain('seen');
    expect(await page.getByTestId('duration').textContent()).toMatch(/ms$/);
    await page.getByRole('button', { name: 'Use output as expected' }).click();
    await page.getByRole('button', { name: 'Activate' }).click();
    await page.getByRole('list', { name: 'Transformations list' }).getByText('active').waitFor();
    await shot('transformations');
  });

  it('forwards through a rule with the transformation, shows a dead letter with its attempts, and replays it to a receiver that recovered', async () => {
    await nav('Destinations').click();
    const destination = page.getByRole('form', { name: 'New destination' });
    await destination.getByLabel('Name', { exact: true }).fill('Local receiver');
    await destination.getByLabel('URL').fill(receiver.url);
    await destination.getByRole('button', { name: 'Add' }).click();
    await page.getByText('Signing secret of the new destination').waitFor();
    expect(await page.locator('.secret').textContent()).toMatch(/^whsec_/);
    await page.getByRole('button', { name: 'Done' }).click();
    const rule = page.getByRole('form', { name: 'New forwarding rule' });
    await rule.getByLabel('Name', { exact: true }).fill('Shipments');
    await rule.getByLabel('Event names (empty: all)').fill('order_shipped');
    await rule.getByLabel('Transformation').selectOption({ label: 'Double the total' });
    await rule.getByRole('button', { name: 'Add rule' }).click();
    await page.getByText('Shipments').waitFor();

    expect((await track('order_shipped', { order_id: 'o-1', total: 5 })).statusCode).toBe(202);
    await waitFor(() => (receiver.received.length > 0 ? true : undefined), 'the first delivery attempt');
    await page.getByLabel('Status').selectOption('dead');
    const deliveries = page.getByRole('table', { name: 'Deliveries' });
    await deliveries.getByText('dead').waitFor();
    expect(await deliveries.textContent()).toContain('HTTP 503');
    await deliveries.getByRole('button', { name: '1', exact: true }).click();
    await deliveries.getByText(/503 · \d+ ms/).waitFor();
    await shot('destinations');

    receiver.status.code = 200;
    await page.getByLabel('Status').selectOption('');
    await deliveries.getByRole('button', { name: 'Replay' }).click();
    await deliveries.getByText('delivered').waitFor({ timeout: 15_000 });
    expect(receiver.received.length).toBe(2);
    // The rule sent it through the transformation written on the Transformations page.
    expect(JSON.stringify(receiver.received[1])).toContain('"doubled":10');
  });

  it('keeps the incoming filters in the URL, retries a blocked row, and links a processed row to its canonical event', async () => {
    const contracts = JSON.parse((await api('GET', `${ws()}/event-contracts`)).body) as { data?: Array<{ id: string }> } | Array<{ id: string }>;
    const contract = (Array.isArray(contracts) ? contracts : (contracts.data ?? []))[0]!;
    expect((await api('PUT', `${ws()}/event-contracts/${contract.id}`, { enforcement_mode: 'block' })).statusCode).toBe(200);
    const blocked = JSON.parse((await track('purchase_completed', { total: 'not a number' })).body) as { id: string };
    await waitFor(async () => {
      const row = JSON.parse((await api('GET', `${ws()}/events/incoming?status=blocked`)).body) as { data: Array<{ id: string }> };
      return row.data.some((item) => item.id === blocked.id) ? true : undefined;
    }, 'the blocked inbox row');

    // A shared link opens the same view: the filter is read from the URL after a full page load.
    await page.goto(`${base}/w/${server.workspaceId}/events?status=blocked`);
    const incoming = page.getByRole('table', { name: 'Incoming events' });
    await incoming.getByText('Blocked by contract').waitFor();
    expect(await page.getByLabel('Inbox status').inputValue()).toBe('blocked');
    expect(await incoming.locator('tbody tr').count()).toBe(1);
    const retried = page.waitForResponse((response) => response.url().includes(`/events/incoming/${blocked.id}/retry`));
    await incoming.getByRole('button', { name: 'Retry' }).click();
    expect((await retried).status()).toBe(200);
    await shot('events');

    await page.getByLabel('Inbox status').selectOption('processed');
    await page.getByLabel('Search').fill('user-0');
    await page.getByRole('button', { name: 'Apply' }).click();
    await page.waitForURL(/status=processed/);
    expect(page.url()).toContain('q=user-0');
    const canonical = page.getByRole('table', { name: 'Canonical events' });
    await canonical.getByRole('link', { name: 'signup' }).click();
    await page.getByRole('heading', { name: 'signup' }).waitFor();
    await page.getByText('"user_id": "user-0"').waitFor();
    await shot('event-detail');
  });

  it('creates a write key shown once with a copy button, and revokes it', async () => {
    await page.context().grantPermissions(['clipboard-read', 'clipboard-write'], { origin: base });
    await nav('Write keys').click();
    const form = page.getByRole('form', { name: 'Create a write key' });
    await form.getByLabel('Name').fill('Web SDK - Staging');
    await form.getByLabel('Environment').selectOption('development');
    await form.getByRole('button', { name: 'Create key' }).click();
    const key = (await page.getByTestId('new-key').textContent())!.trim();
    expect(key).toMatch(/^wk_/);
    await page.getByRole('button', { name: 'Copy' }).click();
    await page.getByRole('button', { name: 'Copied' }).waitFor();
    expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(key);
    const sent = await server.inject({ method: 'POST', url: '/v1/track', headers: { authorization: `Basic ${Buffer.from(`${key}:`).toString('base64')}`, 'content-type': 'application/json' }, payload: JSON.stringify({ event: 'key_check', userId: 'u' }) });
    expect(sent.statusCode).toBe(200);
    await shot('write-keys');
    await page.getByRole('button', { name: 'Done' }).click();
    expect(await page.getByTestId('new-key').count()).toBe(0);

    page.once('dialog', (dialog) => void dialog.accept());
    const row = page.getByRole('row', { name: /Web SDK - Staging/ });
    await row.getByRole('button', { name: 'Revoke' }).click();
    await row.getByText('revoked').waitFor();
  });

  it('approves a pending conversion and draws the domain events of the sale and of the review', async () => {
    const created = async (path: string, body: unknown) => JSON.parse((await api('POST', `${ws()}${path}`, body)).body) as { id: number };
    await created('/programs', { name: 'Affiliates', incentive: { type: 'percent', basis_points: 1250 }, approval: 'manual' });
    const ada = await created('/collaborators', { name: 'Ada Lovelace', email: 'ada@example.com' });
    const headers = { 'x-workspace-id': server.workspaceId };
    const visit = await api('POST', '/event/site-visited', { collaboratorId: ada.id, userId: 'buyer-1' }, headers);
    expect(visit.statusCode).toBe(200);
    const sale = await api('POST', '/event/sale', { source: 'stripe', externalId: 'ord_1', total: '80.00', currency: 'USD', trackingId: Number(visit.headers['x-siren-oid']), userId: 'buyer-1' }, headers);
    expect(sale.statusCode).toBe(200);

    await nav('Attribution').click();
    await page.getByRole('table', { name: 'Collaborators' }).getByText('Ada Lovelace').click();
    await page.getByRole('button', { name: 'Add code' }).click();
    await page.getByRole('heading', { name: 'Referral codes of Ada Lovelace' }).waitFor();
    await page.getByRole('tab', { name: 'Conversions' }).click();
    const conversions = page.getByRole('table', { name: 'Conversions' });
    await conversions.getByText('10.00 USD').waitFor();
    await conversions.getByRole('cell', { name: 'Ada Lovelace' }).waitFor();
    await conversions.getByRole('button', { name: 'Approve' }).click();
    await conversions.getByText('approved').waitFor();
    await shot('attribution');

    await page.getByRole('button', { name: 'See its domain events' }).click();
    const sequence = page.getByRole('list', { name: 'Domain-event sequence' });
    await sequence.getByText('ConversionApproved').waitFor();
    const saleFlow = page.getByRole('button', { name: /OpportunityTriggered|SaleTriggered/ }).filter({ hasText: 'events' });
    await page.getByRole('button', { name: /SaleTriggered/ }).filter({ hasText: 'events' }).click();
    await sequence.getByText('ObligationIssued').waitFor();
    const names = await sequence.locator('.step-node').allTextContents();
    expect(names.map((name) => name.replace(/^\d+\s*/, '').trim()).slice(0, 2)).toEqual(['SaleTriggered', 'TransactionCreateRequested']);
    expect(await saleFlow.count()).toBeGreaterThan(0);
    await shot('attribution-log');

    await page.getByRole('tab', { name: 'Fulfillments & payouts' }).click();
    await page.getByRole('button', { name: 'Start a run' }).click();
    const payouts = page.getByRole('table', { name: 'Payouts' });
    await payouts.getByText('10.00 USD').waitFor();
    const download = page.waitForEvent('download');
    await page.getByRole('button', { name: 'Download payouts CSV' }).click();
    expect((await download).suggestedFilename()).toMatch(/^fulfillment-\d+-payouts\.csv$/);
    await payouts.getByRole('button', { name: 'Mark sent' }).click();
    await payouts.getByText('processing', { exact: true }).waitFor();
    await payouts.getByRole('button', { name: 'Mark paid' }).click();
    await payouts.getByText('paid', { exact: true }).waitFor();
    await shot('fulfillments');
  });

  it('shows the overview with the volume chart, counts and failing deliveries, and fits a narrow screen', async () => {
    // Events of the last day, timestamped in past hours, so the chart has a shape.
    const hour = 3_600_000;
    const batch = Array.from({ length: 40 }, (_, index) => ({
      type: 'track',
      event: index % 3 === 0 ? 'signup' : 'page_viewed',
      userId: `visitor-${index}`,
      timestamp: new Date(Date.now() - ((index * 7) % 23) * hour).toISOString(),
    }));
    const sent = await server.inject({ method: 'POST', url: '/v1/batch', headers: { authorization: `Basic ${Buffer.from(`${server.writeKey}:`).toString('base64')}`, 'content-type': 'application/json' }, payload: JSON.stringify({ batch }) });
    expect(sent.statusCode).toBe(200);
    await waitFor(async () => {
      const volume = JSON.parse((await api('GET', `${ws()}/event-volume?hours=24`)).body) as Array<{ event_count: number }>;
      return volume.reduce((sum, row) => sum + row.event_count, 0) >= 40 ? true : undefined;
    }, 'the batch to be counted');
    // The receiver is down again: a new shipment becomes a dead letter the overview lists.
    receiver.status.code = 503;
    const attempts = receiver.received.length;
    expect((await track('order_shipped', { order_id: 'o-2', total: 7 })).statusCode).toBe(202);
    await waitFor(() => (receiver.received.length > attempts ? true : undefined), 'the failing delivery attempt');
    await nav('Overview').click();
    await page.getByRole('img', { name: /Events per hour, \d+ in total/ }).waitFor();
    await page.getByRole('table', { name: 'Failing deliveries' }).getByText('HTTP 503').waitFor();
    expect(await page.locator('.stat').first().textContent()).toMatch(/^\d{2,}events, last 24 h$/);
    await page.getByText('blocked events').waitFor();
    await shot('overview');
    await page.setViewportSize({ width: 390, height: 844 });
    await page.getByRole('button', { name: 'Menu' }).click();
    await nav('Incoming / Events').click();
    await page.getByRole('heading', { name: 'Incoming / Events' }).waitFor();
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow).toBeLessThanOrEqual(0);
    await shot('events-narrow');
    await page.setViewportSize({ width: 1280, height: 800 });
  });

  it('creates an API key, signs out, and signs in with the key and its workspace id', async () => {
    await nav('Write keys').click();
    const form = page.getByRole('form', { name: 'Create an API key' });
    await form.getByLabel('Label').fill('Console');
    await form.getByLabel('admin').check();
    await form.getByRole('button', { name: 'Create API key' }).click();
    const key = (await page.locator('.highlight .secret').textContent())!.trim();
    await page.getByRole('table', { name: 'API keys' }).getByText('events:read, admin').waitFor();
    await page.getByRole('button', { name: 'Done' }).click();
    await page.getByRole('button', { name: 'Sign out' }).click();
    expect(await page.evaluate(() => sessionStorage.getItem('tributary.session'))).toBeNull();
    await page.getByLabel('Operator token or API key').fill(key);
    await page.getByLabel('Workspace id (needed with an API key)').fill(server.workspaceId);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('heading', { name: 'Overview' }).waitFor();
    await nav('Write keys').click();
    await page.getByRole('table', { name: 'Write keys' }).waitFor();
    expect(page.url()).not.toContain(key);
  });
});

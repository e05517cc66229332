import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureConsoleBuild } from '../../scripts/build-console.ts';
import { launchChromium } from '../support/browser.ts';
import { startTestServer, type TestServer } from '../support/harness.ts';
import { checkoutSession, signature, stripeEvent } from '../integrations/fixtures/stripe-payloads.ts';

const SECRET = 'whsec_consoleStripeSecret0123456789wxyz';

/** Issue 17 §3 in the console: the webhook URL to paste into Stripe, the secret form, the received events. */
describe('console Stripe page (Chromium, SQLite)', { timeout: 60_000 }, () => {
  let server: TestServer;
  let base: string;
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    await ensureConsoleBuild({ quiet: true });
    server = await startTestServer('sqlite', { publicUrl: 'https://tributary.example.com' });
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

  it('shows the webhook URL, connects with the secret (shown masked after), and lists a received event', async () => {
    await page.goto(`${base}/`);
    await page.getByLabel('Operator token or API key').fill(server.operatorToken);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('heading', { name: 'Pick a workspace' }).waitFor();
    await page.getByRole('button', { name: /default/i }).click();
    await page.getByRole('heading', { name: 'Overview' }).waitFor();
    await page.getByRole('navigation', { name: 'Console' }).getByRole('link', { name: 'Stripe', exact: true }).click();
    await page.getByRole('heading', { name: 'Stripe', exact: true }).waitFor();
    expect(await page.getByTestId('stripe-webhook-url').textContent()).toBe(`https://tributary.example.com/integrations/stripe/${server.workspaceId}/webhook`);

    const form = page.getByRole('form', { name: 'Stripe settings' });
    await form.getByLabel('Signing secret').fill(SECRET);
    await form.getByRole('button', { name: 'Connect Stripe' }).click();
    await page.getByText('Stripe settings saved.').waitFor();
    await form.getByText('whsec_…wxyz').waitFor();
    expect(await page.content()).not.toContain(SECRET);

    const event = stripeEvent('checkout.session.completed', checkoutSession({ client_reference_id: '424242' }));
    const payload = JSON.stringify(event);
    const res = await server.inject({
      method: 'POST',
      url: `/integrations/stripe/${server.workspaceId}/webhook`,
      headers: { 'content-type': 'application/json', 'stripe-signature': signature(payload, SECRET) },
      payload,
    });
    expect(res.statusCode).toBe(200);
    const list = page.getByRole('table', { name: 'Stripe events' });
    await list.getByText(event.id as string).waitFor({ timeout: 20_000 });
    expect(await list.textContent()).toContain('unattributed');
  });
});

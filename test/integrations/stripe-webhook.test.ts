import { gzipSync } from 'node:zlib';
import type { LightMyRequestResponse } from 'fastify';
import { beforeAll, describe, expect, it } from 'vitest';
import { AttributionFixtures, STANDARD_SALE_AFTER_VISIT } from '../attribution/fixtures/attribution-fixtures.ts';
import { DIALECTS } from '../support/databases.ts';
import { bearer, createApiKey, useTestServer, waitFor } from '../support/harness.ts';
import { charge, checkoutSession, invoice, refund, signature, stripeEvent, stripeId, subscription } from './fixtures/stripe-payloads.ts';

type Json = Record<string, unknown>;

const SECRET = 'whsec_test5ecretKeyForTributaryStripe0a1b2';
const METRICS_TOKEN = 'metrics-token-for-the-stripe-test';
const RENEWAL_FLOW = ['RenewalTriggered', 'ConversionRenewed', 'RenewedConversionsAwarded', 'ObligationIssued', 'TransactionCompleted', 'ConversionApproved'];

describe.each(DIALECTS)('Stripe webhooks on %s', (dialect) => {
  const server = useTestServer(dialect, { publicUrl: 'https://tributary.example.com', metricsToken: METRICS_TOKEN });
  let f: AttributionFixtures;
  let admin: string;

  const settingsUrl = (workspaceId = server.workspaceId) => `/api/v1/workspaces/${workspaceId}/integrations/stripe`;
  const webhookUrl = (workspaceId = server.workspaceId) => `/integrations/stripe/${workspaceId}/webhook`;

  /** Posts `event` as Stripe does: the JSON text it signed, byte for byte. */
  function post(event: Json | string, options: { secret?: string; timestamp?: number; workspaceId?: string; header?: string | null } = {}): Promise<LightMyRequestResponse> {
    const payload = typeof event === 'string' ? event : JSON.stringify(event, null, 2);
    const header = options.header === undefined ? signature(payload, options.secret ?? SECRET, options.timestamp) : options.header;
    return server.inject({
      method: 'POST',
      url: webhookUrl(options.workspaceId),
      headers: { 'content-type': 'application/json; charset=utf-8', 'user-agent': 'Stripe/1.0 (+https://stripe.com/docs/webhooks)', ...(header === null ? {} : { 'stripe-signature': header }) },
      payload,
    });
  }

  /** What the event became, once the worker processed it (read through the API). */
  async function processed(eventId: string): Promise<Json> {
    return waitFor(async () => {
      const res = await server.inject({ method: 'GET', url: `${settingsUrl()}/events?limit=200`, headers: { authorization: bearer(admin) } });
      expect(res.statusCode).toBe(200);
      return (res.json().data as Json[]).find((row) => row.id === eventId);
    }, `Stripe event ${eventId} to be processed`);
  }

  /** Posts, expects 200, waits for processing; the domain events it fired and its record. */
  async function deliver(event: Json): Promise<{ record: Json; log: string[] }> {
    const res = await post(event);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toEqual({ received: true });
    const record = await processed(event.id as string);
    return { record, log: await f.log(record.incoming_id as string) };
  }

  const transaction = async (externalId: string) => (await f.transactions()).find((t) => t.source === 'stripe' && t.external_id === externalId);

  beforeAll(async () => {
    f = await AttributionFixtures.create(server);
    admin = await createApiKey(server, { label: 'admin', scopes: ['admin', 'events:read'] });
    await f.program({ name: 'Stripe partners 10 %', incentive_bps: 1000, engagement_trigger: 'referral' });
    const res = await server.inject({ method: 'PUT', url: settingsUrl(), headers: { authorization: bearer(admin) }, payload: { signing_secret: SECRET } });
    expect(res.statusCode, res.body).toBe(200);
  });

  describe('settings', () => {
    it('stores the signing secret sealed, never answers it, shows it masked with the webhook URL under PUBLIC_URL', async () => {
      const res = await server.inject({ method: 'GET', url: settingsUrl(), headers: { authorization: bearer(admin) } });
      expect(res.statusCode).toBe(200);
      expect(res.body).not.toContain(SECRET);
      expect(res.json()).toMatchObject({
        workspace_id: server.workspaceId,
        configured: true,
        webhook_url: `https://tributary.example.com/integrations/stripe/${server.workspaceId}/webhook`,
        signing_secret_hint: 'whsec_…a1b2',
        metadata_key: 'tributary_oid',
        match_leads_by_email: true,
      });
      expect(res.json().event_types).toContain('checkout.session.completed');
      const row = await server.db.kysely.selectFrom('stripe_integrations').selectAll().where('workspace_id', '=', server.workspaceId).executeTakeFirstOrThrow();
      expect(row.signing_secret).not.toContain('test5ecret');
    });

    it('validates every field, keeps the secret when an update omits it, and answers 404 to another workspace\'s key', async () => {
      const bad = await server.inject({ method: 'PUT', url: settingsUrl(), headers: { authorization: bearer(admin) }, payload: { signing_secret: 'sk_live_nope', metadata_key: 'a[b]', match_leads_by_email: 'yes', extra: 1 } });
      expect(bad.statusCode).toBe(400);
      expect(bad.json().error.code).toBe('validation_failed');
      expect((bad.json().error.data.fields as Json[]).map((e) => e.field).sort()).toEqual(['extra', 'match_leads_by_email', 'metadata_key', 'signing_secret']);
      const kept = await server.inject({ method: 'PUT', url: settingsUrl(), headers: { authorization: bearer(admin) }, payload: { match_leads_by_email: true } });
      expect(kept.statusCode).toBe(200);
      expect(kept.json().signing_secret_hint).toBe('whsec_…a1b2');

      const other = await server.inject({ method: 'POST', url: '/api/v1/workspaces', headers: { authorization: bearer(server.operatorToken) }, payload: { name: `Other ${dialect}` } });
      const otherId = other.json().id as string;
      expect((await server.inject({ method: 'GET', url: settingsUrl(otherId), headers: { authorization: bearer(admin) } })).statusCode).toBe(404);
      const first = await server.inject({ method: 'PUT', url: settingsUrl(otherId), headers: { authorization: bearer(server.operatorToken) }, payload: {} });
      expect(first.statusCode).toBe(400);
      expect(first.json().error.data.fields[0].field).toBe('signing_secret');
      const unconfigured = await server.inject({ method: 'GET', url: settingsUrl(otherId), headers: { authorization: bearer(server.operatorToken) } });
      expect(unconfigured.json()).toMatchObject({ configured: false, signing_secret_hint: null });
      expect((await server.inject({ method: 'GET', url: settingsUrl('01930000-0000-7000-8000-000000000000'), headers: { authorization: bearer(server.operatorToken) } })).statusCode).toBe(404);
    });

    it('lists received events newest first, a page at a time, and refuses a cursor it did not give', async () => {
      const events = [stripeEvent('checkout.session.completed', checkoutSession()), stripeEvent('checkout.session.completed', checkoutSession())];
      for (const event of events) {
        expect((await post(event)).statusCode).toBe(200);
        await processed(event.id as string);
      }
      const seen: string[] = [];
      let cursor = '';
      for (let page = 0; page < 100; page += 1) {
        const res = await server.inject({ method: 'GET', url: `${settingsUrl()}/events?limit=1&cursor=${cursor}`, headers: { authorization: bearer(admin) } });
        expect(res.statusCode).toBe(200);
        const body = res.json();
        expect(body.data).toHaveLength(1);
        seen.push(body.data[0].id);
        if (!body.has_more) break;
        cursor = body.next_cursor;
      }
      expect(new Set(seen).size).toBe(seen.length);
      expect(seen).toEqual(expect.arrayContaining(events.map((e) => e.id)));
      const bad = await server.inject({ method: 'GET', url: `${settingsUrl()}/events?cursor=nope!`, headers: { authorization: bearer(admin) } });
      expect(bad.statusCode).toBe(400);
      expect(bad.json().error.data.fields[0].field).toBe('cursor');
      const limit = await server.inject({ method: 'GET', url: `${settingsUrl()}/events?limit=0`, headers: { authorization: bearer(admin) } });
      expect(limit.statusCode).toBe(400);
    });

    it('DELETE removes the integration: its webhook answers 404 after, and a second DELETE is 404', async () => {
      const other = await server.inject({ method: 'POST', url: '/api/v1/workspaces', headers: { authorization: bearer(server.operatorToken) }, payload: { name: `Deleted ${dialect}` } });
      const otherId = other.json().id as string;
      const put = await server.inject({ method: 'PUT', url: settingsUrl(otherId), headers: { authorization: bearer(server.operatorToken) }, payload: { signing_secret: SECRET } });
      expect(put.statusCode).toBe(200);
      const event = stripeEvent('checkout.session.completed', checkoutSession());
      expect((await post(event, { workspaceId: otherId })).statusCode).toBe(200);
      expect((await server.inject({ method: 'DELETE', url: settingsUrl(otherId), headers: { authorization: bearer(server.operatorToken) } })).statusCode).toBe(204);
      expect((await server.inject({ method: 'DELETE', url: settingsUrl(otherId), headers: { authorization: bearer(server.operatorToken) } })).statusCode).toBe(404);
      const after = await post(stripeEvent('checkout.session.completed', checkoutSession()), { workspaceId: otherId });
      expect(after.statusCode).toBe(404);
      expect(after.json().error.code).toBe('not_found');
    });
  });

  describe('signatures and routing', () => {
    it('answers 404 for an unknown workspace, a malformed id and a workspace without the integration', async () => {
      const event = stripeEvent('checkout.session.completed', checkoutSession());
      expect((await post(event, { workspaceId: '01930000-0000-7000-8000-000000000000' })).statusCode).toBe(404);
      expect((await post(event, { workspaceId: 'not-a-workspace' })).statusCode).toBe(404);
      const other = await server.inject({ method: 'POST', url: '/api/v1/workspaces', headers: { authorization: bearer(server.operatorToken) }, payload: { name: `Bare ${dialect}` } });
      expect((await post(event, { workspaceId: other.json().id as string })).statusCode).toBe(404);
    });

    it('refuses a signature made with another secret, a missing one and a stale one (over 300 s) with 400 invalid_signature, storing nothing', async () => {
      const event = stripeEvent('checkout.session.completed', checkoutSession());
      const wrong = await post(event, { secret: 'whsec_someoneElsesSecret000000000000' });
      expect(wrong.statusCode).toBe(400);
      expect(wrong.json().error.code).toBe('invalid_signature');
      const missing = await post(event, { header: null });
      expect(missing.statusCode).toBe(400);
      expect(missing.json().error.code).toBe('invalid_signature');
      const stale = await post(event, { timestamp: Math.floor(Date.now() / 1000) - 301 });
      expect(stale.statusCode).toBe(400);
      expect(stale.json().error.code).toBe('invalid_signature');
      expect(stale.json().error.message).toMatch(/tolerance/i);
      // Signed over other bytes: the same event re-serialised is not what Stripe signed.
      const payload = JSON.stringify(event);
      const tampered = await server.inject({
        method: 'POST',
        url: webhookUrl(),
        headers: { 'content-type': 'application/json', 'stripe-signature': signature(payload, SECRET) },
        payload: JSON.stringify(event, null, 1),
      });
      expect(tampered.statusCode).toBe(400);
      const stored = await server.db.kysely.selectFrom('inbox').select('id').where('dedupe_key', '=', `stripe:${event.id as string}`).execute();
      expect(stored).toEqual([]);
      const fresh = await post(event, { timestamp: Math.floor(Date.now() / 1000) - 200 });
      expect(fresh.statusCode).toBe(200);
    });

    it('verifies a gzip-encoded body over the bytes Stripe signed (decompressed, never re-serialised)', async () => {
      const oid = await f.visit(await f.collaborator({ name: 'Gzip' }));
      const event = stripeEvent('checkout.session.completed', checkoutSession({ client_reference_id: String(oid) }));
      const payload = `${JSON.stringify(event, null, 4)}\n`;
      const res = await server.inject({
        method: 'POST',
        url: webhookUrl(),
        headers: { 'content-type': 'application/json', 'content-encoding': 'gzip', 'stripe-signature': signature(payload, SECRET) },
        payload: gzipSync(payload),
      });
      expect(res.statusCode, res.body).toBe(200);
      expect((await processed(event.id as string)).outcome).toBe('sale');
    });

    it('answers 200 to a type it does not act on, stores nothing, and counts it', async () => {
      const event = stripeEvent('customer.created', { id: stripeId('cus'), object: 'customer', email: 'x@example.com' });
      const res = await post(event);
      expect(res.statusCode).toBe(200);
      expect(res.json()).toEqual({ received: true, ignored: true });
      const stored = await server.db.kysely.selectFrom('inbox').select('id').where('dedupe_key', '=', `stripe:${event.id as string}`).execute();
      expect(stored).toEqual([]);
      const metrics = await server.inject({ method: 'GET', url: '/metrics', headers: { authorization: bearer(METRICS_TOKEN) } });
      expect(metrics.body).toMatch(/tributary_stripe_webhook_events_total\{outcome="ignored"\} [1-9]/);
      expect(metrics.body).toMatch(/tributary_stripe_webhook_events_total\{outcome="invalid_signature"\} [1-9]/);
    });

    it('does not offer its internal slug at /event/{slug}', async () => {
      const res = await f.send('stripe-event', { event: stripeEvent('checkout.session.completed', checkoutSession()) });
      expect(res.statusCode).toBe(404);
    });
  });

  describe('checkout.session.completed', () => {
    it('is a sale firing the same domain events, in the same order, as /event/sale', async () => {
      const viaApi = await f.visit(await f.collaborator({ name: 'API seller' }));
      const api = await f.send('sale', { source: 'shop', externalId: stripeId('ord'), total: 49.99, currency: 'USD', trackingId: viaApi });
      const apiLog = await f.log(api.headers['x-event-id'] as string);
      expect(apiLog).toEqual(STANDARD_SALE_AFTER_VISIT);

      const oid = await f.visit(await f.collaborator({ name: 'Stripe seller' }));
      const session = checkoutSession({ amount_total: 4999, currency: 'usd', client_reference_id: String(oid) });
      const { record, log } = await deliver(stripeEvent('checkout.session.completed', session));
      expect(log).toEqual(apiLog);
      expect(record).toMatchObject({ type: 'checkout.session.completed', outcome: 'sale', external_id: session.payment_intent, detail: `opportunity ${oid}` });
      expect(await transaction(session.payment_intent as string)).toMatchObject({ opportunity_id: oid, total: 4999, currency: 'USD', status: 'complete', email: 'buyer@example.com', user_id: null });
      const conversion = (await f.conversions()).find((c) => c.opportunity_id === oid)!;
      expect(conversion).toMatchObject({ status: 'approved', amount: 500 });
    });

    it('deduplicates by event id: the same event twice is 200 both times and processed once', async () => {
      const oid = await f.visit(await f.collaborator({ name: 'Twice' }));
      const event = stripeEvent('checkout.session.completed', checkoutSession({ client_reference_id: String(oid) }));
      const first = await post(event);
      const second = await post(event);
      expect([first.statusCode, second.statusCode]).toEqual([200, 200]);
      expect(second.json()).toEqual({ received: true, duplicate: true });
      expect(second.headers['x-event-id']).toBe(first.headers['x-event-id']);
      await processed(event.id as string);
      const rows = (await f.transactions()).filter((t) => t.opportunity_id === oid);
      expect(rows).toHaveLength(1);
      expect((await f.conversions()).filter((c) => c.opportunity_id === oid)).toHaveLength(1);
    });

    it('takes the opportunity from metadata when client_reference_id has none, and a pending payment waits for async_payment_succeeded', async () => {
      const oid = await f.visit(await f.collaborator({ name: 'Metadata' }));
      const session = checkoutSession({ metadata: { tributary_oid: String(oid), order: 'A-1' }, payment_status: 'unpaid' });
      const { record, log } = await deliver(stripeEvent('checkout.session.completed', session));
      expect(record.outcome).toBe('sale');
      expect(log).toEqual(STANDARD_SALE_AFTER_VISIT.slice(0, 8));
      expect(await transaction(session.payment_intent as string)).toMatchObject({ opportunity_id: oid, status: 'pending' });
      const confirmed = await deliver(stripeEvent('checkout.session.async_payment_succeeded', { ...session, payment_status: 'paid' }));
      expect(confirmed.record).toMatchObject({ outcome: 'payment_confirmed', external_id: session.payment_intent });
      expect(confirmed.log).toEqual(['TransactionCompleted', 'ConversionApproved']);
    });

    it('credits a checkout without ids to the lead with the customer\'s email, in any case', async () => {
      const oid = await f.visit(await f.collaborator({ name: 'Lead to sale' }));
      expect((await f.send('lead', { source: 'signup', externalId: stripeId('lead'), trackingId: oid, email: 'Lead.Buyer@example.com' })).statusCode).toBe(200);
      const session = checkoutSession({ email: 'lead.buyer@EXAMPLE.com' });
      const { record, log } = await deliver(stripeEvent('checkout.session.completed', session));
      expect(record.detail).toBe(`opportunity ${oid}`);
      expect(log).toEqual(STANDARD_SALE_AFTER_VISIT);
    });

    it('records a checkout for an unknown opportunity as an unattributed transaction, not an error', async () => {
      const session = checkoutSession({ client_reference_id: '987654', email: 'stranger@example.com' });
      const { record, log } = await deliver(stripeEvent('checkout.session.completed', session));
      expect(record).toMatchObject({ outcome: 'sale', external_id: session.payment_intent });
      expect(record.detail).toMatch(/^unattributed/);
      expect(log).toEqual(['SaleTriggered', 'TransactionCreateRequested', 'TransactionCreated', 'TransactionCompleted']);
      expect(await transaction(session.payment_intent as string)).toMatchObject({ opportunity_id: null, total: 4999, status: 'complete' });
    });

    it('counts a zero-decimal currency as Stripe does (JPY 5000 is ¥5000) and upper-cases it', async () => {
      const session = checkoutSession({ amount_total: 5000, currency: 'jpy' });
      await deliver(stripeEvent('checkout.session.completed', session));
      expect(await transaction(session.payment_intent as string)).toMatchObject({ total: 5000, currency: 'JPY' });
    });

    it('records an event whose object lacks a needed field as invalid, and still answers 200', async () => {
      const session = checkoutSession({ currency: 'zzz' });
      const { record } = await deliver(stripeEvent('checkout.session.completed', session));
      expect(record.outcome).toBe('invalid');
      expect(record.detail).toMatch(/currency/);
    });
  });

  describe('subscriptions', () => {
    it('a subscription checkout is the first sale; a subscription_cycle invoice renews it; a deleted subscription is recorded', async () => {
      const oid = await f.visit(await f.collaborator({ name: 'Subscriber' }));
      const subscriptionId = stripeId('sub');
      const firstInvoice = stripeId('in');
      const session = checkoutSession({ mode: 'subscription', amount_total: 3000, client_reference_id: String(oid), invoice: firstInvoice, subscription: subscriptionId });
      const sale = await deliver(stripeEvent('checkout.session.completed', session));
      expect(sale.record).toMatchObject({ outcome: 'sale', external_id: firstInvoice });
      expect(sale.log).toEqual(STANDARD_SALE_AFTER_VISIT);
      expect(await transaction(firstInvoice)).toMatchObject({ subscription_id: subscriptionId, total: 3000 });

      const created = await deliver(stripeEvent('invoice.paid', invoice({ id: firstInvoice, billing_reason: 'subscription_create', subscription: subscriptionId, amount_paid: 3000, payment_intent: stripeId('pi') })));
      expect(created.record.outcome).toBe('ignored');
      expect(created.log).toEqual([]);

      const cycle = invoice({ billing_reason: 'subscription_cycle', subscription: subscriptionId, amount_paid: 3000 });
      const renewal = await deliver(stripeEvent('invoice.paid', cycle));
      expect(renewal.record).toMatchObject({ outcome: 'renewal', external_id: cycle.id });
      expect(renewal.log).toEqual(RENEWAL_FLOW);
      expect(await transaction(cycle.id as string)).toMatchObject({ opportunity_id: oid, total: 3000, status: 'complete' });
      expect((await f.conversions()).filter((c) => c.opportunity_id === oid).map((c) => [c.status, c.amount])).toEqual([['approved', 300], ['approved', 300]]);

      const ended = await deliver(stripeEvent('customer.subscription.deleted', subscription(subscriptionId)));
      expect(ended.record).toMatchObject({ outcome: 'subscription_ended', external_id: firstInvoice, detail: `subscription ${subscriptionId}` });
      expect(ended.log).toEqual([]);
    });

    it('records a renewal of a subscription it never saw as unmatched, writing nothing', async () => {
      const before = (await f.transactions()).length;
      const cycle = invoice({ billing_reason: 'subscription_cycle', subscription: stripeId('sub'), amount_paid: 1000 });
      const { record, log } = await deliver(stripeEvent('invoice.paid', cycle));
      expect(record.outcome).toBe('unmatched');
      expect(log).toEqual([]);
      expect((await f.transactions()).length).toBe(before);
    });
  });

  describe('refunds', () => {
    it('a partial then a full refund add up; one refund seen as refund.created and charge.refunded counts once', async () => {
      const oid = await f.visit(await f.collaborator({ name: 'Refunds' }));
      const session = checkoutSession({ amount_total: 10_000, client_reference_id: String(oid) });
      const pi = session.payment_intent as string;
      await deliver(stripeEvent('checkout.session.completed', session));
      const chargeId = stripeId('ch');

      const first = refund({ amount: 2500, charge: chargeId, payment_intent: pi });
      const partial = await deliver(stripeEvent('refund.created', first));
      expect(partial.record).toMatchObject({ outcome: 'refund', external_id: pi });
      expect(partial.log).toEqual(['RefundTriggered']);
      expect(await transaction(pi)).toMatchObject({ refunded_total: 2500, status: 'complete' });
      const conversion = (await f.conversions()).find((c) => c.opportunity_id === oid)!;
      expect((await f.obligations()).filter((o) => o.conversion_id === conversion.id && o.status !== 'cancelled').map((o) => o.amount)).toEqual([750]);

      // The same refund as charge.refunded (cumulative amount_refunded, no refunds list): nothing more.
      const same = await deliver(stripeEvent('charge.refunded', charge({ id: chargeId, payment_intent: pi, amount: 10_000, amount_refunded: 2500 })));
      expect(same.record).toMatchObject({ outcome: 'refund' });
      expect(same.log).toEqual([]);
      expect(await transaction(pi)).toMatchObject({ refunded_total: 2500 });

      // The rest, charge.refunded first this time, then its refund.created.
      const rest = refund({ amount: 7500, charge: chargeId, payment_intent: pi });
      const full = await deliver(stripeEvent('charge.refunded', charge({ id: chargeId, payment_intent: pi, amount: 10_000, amount_refunded: 10_000 })));
      expect(full.log).toEqual(['RefundTriggered', 'ConversionRejected']);
      expect(await transaction(pi)).toMatchObject({ refunded_total: 10_000, status: 'refunded' });
      const late = await deliver(stripeEvent('refund.created', rest));
      expect(late.log).toEqual([]);
      expect(await transaction(pi)).toMatchObject({ refunded_total: 10_000, status: 'refunded' });
      expect((await f.conversions()).find((c) => c.id === conversion.id)!.status).toBe('rejected');
    });

    it('reads refunds listed on an expanded charge by id, so their refund.created adds nothing', async () => {
      const session = checkoutSession({ amount_total: 8000 });
      const pi = session.payment_intent as string;
      await deliver(stripeEvent('checkout.session.completed', session));
      const chargeId = stripeId('ch');
      const listed = refund({ amount: 3000, charge: chargeId, payment_intent: pi });
      const viaCharge = await deliver(stripeEvent('charge.refunded', charge({ id: chargeId, payment_intent: pi, amount: 8000, amount_refunded: 3000, refunds: [listed] })));
      expect(viaCharge.log).toEqual(['RefundTriggered']);
      const viaRefund = await deliver(stripeEvent('refund.created', listed));
      expect(viaRefund.log).toEqual([]);
      expect(await transaction(pi)).toMatchObject({ refunded_total: 3000 });
    });

    it('records a refund of a payment it never saw as unmatched, and skips a failed refund', async () => {
      const unknown = await deliver(stripeEvent('refund.created', refund({ amount: 100, charge: stripeId('ch'), payment_intent: stripeId('pi') })));
      expect(unknown.record.outcome).toBe('unmatched');
      const failed = await deliver(stripeEvent('refund.created', refund({ amount: 100, charge: stripeId('ch'), payment_intent: stripeId('pi'), status: 'failed' })));
      expect(failed.record.outcome).toBe('ignored');
    });
  });
});

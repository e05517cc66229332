import type { FastifyInstance, FastifyRequest } from 'fastify';
import Stripe from 'stripe';
import { AppError } from '../../errors/index.ts';
import type { InboxWriter } from '../../inbox/index.ts';
import { describeRoute, json, pathParams, SECURITY } from '../../openapi/index.ts';
import { stripeWebhookAnswer, stripeWebhookBody, stripeWebhookHeaders } from './api-schemas.ts';
import { STRIPE_EVENT_SLUG } from './stripe-event-factory.ts';
import { HANDLED_EVENT_TYPES } from './stripe-event.ts';
import { STRIPE_SOURCE } from './stripe-payments.ts';
import type { StripeSecrets } from './stripe-secrets.ts';

/** How a webhook request ended, for `tributary_stripe_webhook_events_total`. */
export type StripeWebhookOutcome = 'accepted' | 'duplicate' | 'ignored' | 'invalid_signature';

interface Deps {
  readonly inbox: InboxWriter;
  readonly signingSecrets: StripeSecrets;
  readonly onWebhook: (outcome: StripeWebhookOutcome) => void;
}

/** Stripe's events are small (a Checkout Session with its metadata is a few KB); 1 MB is ample. */
const MAX_STRIPE_EVENT_BYTES = 1024 * 1024;

const WORKSPACE_ID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

const noIntegration = () => new AppError('not_found', 'No Stripe integration for this workspace.');

function invalidSignature(message: string): AppError {
  return new AppError('invalid_signature', message, { data: { fields: [{ field: 'Stripe-Signature', message }] } });
}

/** The verified event, or 400: the signature is checked over the bytes as received, never a re-serialisation. */
function verify(request: FastifyRequest, secret: string): Record<string, unknown> {
  const header = request.headers['stripe-signature'];
  if (typeof header !== 'string' || header === '') throw invalidSignature('The Stripe-Signature header is missing.');
  const body = request.body;
  if (!Buffer.isBuffer(body) || body.length === 0) throw invalidSignature('The body is empty.');
  let event: unknown;
  try {
    // Stripe's default tolerance: a signature older than 300 s is refused (replays).
    event = Stripe.webhooks.constructEvent(body, header, secret);
  } catch (error) {
    if (error instanceof Stripe.errors.StripeSignatureVerificationError) throw invalidSignature(`The Stripe-Signature does not verify: ${error.message}`);
    throw new AppError('invalid_json', `The body is not valid JSON: ${(error as Error).message}`);
  }
  const fields = [];
  const e = event as Record<string, unknown>;
  if (typeof e.id !== 'string' || !/^evt_[A-Za-z0-9_]{1,250}$/.test(e.id)) fields.push({ field: 'id', message: 'must be a Stripe event id (evt_…)' });
  if (typeof e.type !== 'string' || e.type.length > 200) fields.push({ field: 'type', message: 'must be a Stripe event type' });
  const data = e.data as Record<string, unknown> | null | undefined;
  if (data === null || typeof data !== 'object' || data.object === null || typeof data.object !== 'object') fields.push({ field: 'data.object', message: 'is required' });
  if (fields.length > 0) throw AppError.validation(fields);
  return e;
}

/**
 * `POST /integrations/stripe/{workspaceId}/webhook`: Stripe's webhook endpoint. The body is read
 * as raw bytes in this route's own scope (the app's JSON parser never sees it), the signature is
 * verified with the workspace's secret, and an event of a type the integration acts on is
 * appended to the inbox, deduplicated by Stripe's event id. The 200 goes out once that row is
 * durable; the worker runs it through attribution (stripe-event-factory.ts), so Stripe, which
 * retries anything but a 2xx for three days, never waits for a flow. Other types: 200, counted,
 * not stored.
 */
export async function registerStripeWebhookRoute(app: FastifyInstance, deps: Deps): Promise<void> {
  await app.register(async (scope) => {
    scope.removeAllContentTypeParsers();
    scope.addContentTypeParser('*', { parseAs: 'buffer' }, (_request, body, done) => done(null, body));
    const doc = describeRoute({
      operationId: 'receiveStripeWebhook',
      summary: "Stripe's webhook endpoint",
      description:
        "For Stripe to call (the URL `GET …/integrations/stripe` shows): no credential, the `Stripe-Signature` header is checked over the raw body with the workspace's signing secret. An event of a type the integration acts on is stored, once per event id, before the 200; attribution runs afterwards. Bodies up to 1 MB.",
      tags: ['Integrations'],
      security: SECURITY.public,
      params: pathParams({ workspaceId: 'The workspace id.' }),
      headers: stripeWebhookHeaders,
      body: stripeWebhookBody,
      response: { 200: json('Received: stored, a duplicate, or a type the integration ignores.', stripeWebhookAnswer) },
    });
    scope.post<{ Params: { workspaceId: string } }>('/integrations/stripe/:workspaceId/webhook', { ...doc, bodyLimit: MAX_STRIPE_EVENT_BYTES }, async (request, reply) => {
      const receivedAt = Date.now();
      const { workspaceId } = request.params;
      if (!WORKSPACE_ID.test(workspaceId)) throw noIntegration();
      const secret = await deps.signingSecrets.of(workspaceId);
      if (secret === undefined) throw noIntegration();
      let event;
      try {
        event = verify(request, secret);
      } catch (error) {
        if (error instanceof AppError && error.code === 'invalid_signature') deps.onWebhook('invalid_signature');
        throw error;
      }
      if (!HANDLED_EVENT_TYPES.has(event.type as string)) {
        deps.onWebhook('ignored');
        return { received: true, ignored: true };
      }
      const [appended] = await deps.inbox.append([
        {
          workspaceId,
          api: 'domain',
          // Stripe sends an event again until it gets a 2xx, and may send it twice anyway.
          dedupeKey: `stripe:${event.id as string}`,
          bodyHash: null,
          // The event as Stripe sent it (verified JSON, so it splices in whole): no second serialisation.
          payload: `{"slug":${JSON.stringify(STRIPE_EVENT_SLUG)},"body":{"source":${JSON.stringify(STRIPE_SOURCE)},"event":${(request.body as Buffer).toString('utf8')}},"opportunityId":null}`,
          receivedAt,
          credentialId: 'stripe',
          clientIp: request.ip,
        },
      ]);
      deps.onWebhook(appended!.duplicate ? 'duplicate' : 'accepted');
      reply.header('x-event-id', appended!.id);
      return appended!.duplicate ? { received: true, duplicate: true } : { received: true };
    });
  });
}

import { AppError, type FieldError } from '../../errors/index.ts';
import { ALL_EVENTS, isSirenEventType } from './event-types.ts';

/** A valid `POST /siren/v1/webhooks` body. */
export interface SubscriptionInput {
  readonly targetUrl: string;
  /** Deduplicated, in the order given; `["*"]` when `*` was among them. */
  readonly events: string[];
  readonly description: string | null;
}

const MAX_URL = 2048;
const MAX_DESCRIPTION = 500;
const MAX_EVENTS = 100;

/** The body as /openapi.json shows it; `readSubscriptionInput` checks the same, naming every field. */
export const subscriptionBody = {
  type: 'object',
  required: ['targetUrl', 'events'],
  properties: {
    targetUrl: { type: 'string', minLength: 1, maxLength: MAX_URL, description: 'An http(s) URL the SSRF guard allows.' },
    events: { type: 'array', minItems: 1, maxItems: MAX_EVENTS, items: { type: 'string' }, description: `Siren event types, or "${ALL_EVENTS}".` },
    description: { type: ['string', 'null'], maxLength: MAX_DESCRIPTION },
  },
  examples: [{ targetUrl: 'https://partners.example.com/hooks/siren', events: ['conversion.created', 'payout.paid'] }],
};

/**
 * Reads a subscription body, collecting every field error (each unknown event type on its own)
 * into one 400, as Siren's SDK shows them per field. Unknown keys are ignored: newer SDKs may
 * send fields this server does not know yet.
 */
export function readSubscriptionInput(body: unknown): SubscriptionInput {
  if (body === null || typeof body !== 'object' || Array.isArray(body)) {
    throw AppError.validation([{ field: '', message: 'must be a JSON object' }]);
  }
  const { targetUrl, events, description } = body as Record<string, unknown>;
  const errors: FieldError[] = [];

  if (typeof targetUrl !== 'string' || targetUrl.trim() === '') errors.push({ field: 'targetUrl', message: 'is required (an http or https URL)' });
  else if (targetUrl.length > MAX_URL) errors.push({ field: 'targetUrl', message: `must be at most ${MAX_URL} characters` });

  if (!Array.isArray(events) || events.length === 0) {
    errors.push({ field: 'events', message: `is required: a non-empty array of Siren event types or "${ALL_EVENTS}"` });
  } else if (events.length > MAX_EVENTS) {
    errors.push({ field: 'events', message: `must hold at most ${MAX_EVENTS} types` });
  } else {
    events.forEach((type, index) => {
      if (typeof type !== 'string') errors.push({ field: `events.${index}`, message: 'must be a string' });
      else if (type !== ALL_EVENTS && !isSirenEventType(type)) errors.push({ field: `events.${index}`, message: `unknown event type "${type}"` });
    });
  }

  if (description !== undefined && description !== null) {
    if (typeof description !== 'string') errors.push({ field: 'description', message: 'must be a string or null' });
    else if (description.length > MAX_DESCRIPTION) errors.push({ field: 'description', message: `must be at most ${MAX_DESCRIPTION} characters` });
  }

  if (errors.length > 0) throw AppError.validation(errors);
  const types = [...new Set(events as string[])];
  return {
    targetUrl: (targetUrl as string).trim(),
    events: types.includes(ALL_EVENTS) ? [ALL_EVENTS] : types,
    description: typeof description === 'string' ? description : null,
  };
}

import { readCanonicalEvent } from './canonical-event.ts';
import type { DestinationType } from './destination-type.ts';
import { httpDestinationType } from './http-type.ts';

export interface SlackConfig {
  /** The incoming webhook URL: it carries its own credential, so it is a secret. */
  url: string;
  /** Message templates by event name (a track's name, a page's name, or the type: `identify`). */
  templates?: Record<string, string>;
  /** The message for events no template names. */
  default_template?: string;
}

export const SLACK_DEFAULT_TEMPLATE = '*{{event}}* ({{type}}) from {{user}}';
/** Slack truncates a message's text past 40,000 characters; we cut it ourselves, visibly. */
const MAX_TEXT = 40_000;

/** Slack's control characters, escaped as its message formatting asks, so event data cannot mention or link. */
function escapeSlack(text: string): string {
  return text.replaceAll('&', '&amp;').replaceAll('<', '&lt;').replaceAll('>', '&gt;');
}

function lookup(scope: Record<string, unknown>, path: string): unknown {
  let value: unknown = scope;
  for (const key of path.split('.')) {
    if (value === null || typeof value !== 'object') return undefined;
    value = (value as Record<string, unknown>)[key];
  }
  return value;
}

/**
 * Renders a template over one event: `{{event}}`, `{{type}}`, `{{user}}` (user id, else anonymous
 * id), `{{user_id}}`, `{{anonymous_id}}`, `{{message_id}}`, `{{timestamp}}`, and any
 * `{{properties.x}}`, `{{traits.x}}` or `{{context.x.y}}`. Values are escaped for Slack; a
 * missing one renders empty; objects render as JSON.
 */
export function renderSlackTemplate(template: string, raw: Readonly<Record<string, unknown>>): string {
  const event = readCanonicalEvent(raw);
  const scope: Record<string, unknown> = {
    event: event.event ?? event.type,
    type: event.type,
    user: event.userId ?? event.anonymousId ?? 'an anonymous user',
    user_id: event.userId,
    anonymous_id: event.anonymousId,
    message_id: event.messageId,
    timestamp: event.timestamp,
    group_id: event.groupId,
    properties: event.properties,
    traits: event.traits,
    context: event.context,
  };
  const text = template.replace(/\{\{\s*([A-Za-z0-9_.$-]+)\s*\}\}/g, (_, path: string) => {
    const value = lookup(scope, path);
    if (value === undefined || value === null) return '';
    return escapeSlack(typeof value === 'object' ? JSON.stringify(value) : String(value));
  });
  return text.length > MAX_TEXT ? `${text.slice(0, MAX_TEXT - 1)}…` : text;
}

/** The incoming-webhook body of one event: the template for its name (or type), else the default. */
export function toSlackMessage(raw: Readonly<Record<string, unknown>>, config: Pick<SlackConfig, 'templates' | 'default_template'>): { text: string } {
  const event = readCanonicalEvent(raw);
  const templates = config.templates ?? {};
  const template = (event.event !== null ? templates[event.event] : undefined) ?? templates[event.type] ?? config.default_template ?? SLACK_DEFAULT_TEMPLATE;
  return { text: renderSlackTemplate(template, raw) };
}

/**
 * Slack incoming webhooks: one message per event (`{ "text": … }`), paced at Slack's documented 1
 * message per second per webhook. Slack answers 200 `ok`; 400 `invalid_payload`, 403
 * `action_prohibited`, 404 `channel_not_found`/`no_service` are final; 410 `channel_is_archived`
 * disables the destination; 429 (with Retry-After) and 5xx are retried.
 */
export const slackType: DestinationType<SlackConfig> = httpDestinationType<SlackConfig>({
  id: 'slack',
  title: 'Slack',
  description: 'A message per event to a Slack channel through an incoming webhook, from a template per event.',
  configSchema: {
    type: 'object',
    additionalProperties: false,
    required: ['url'],
    properties: {
      url: { type: 'string', minLength: 1, maxLength: 2048, title: 'Incoming webhook URL', description: 'https://hooks.slack.com/services/…', 'x-secret': true, writeOnly: true },
      templates: {
        type: 'object',
        title: 'Templates by event',
        description: 'Event name (or type) → message, e.g. "Order Completed": "{{user}} ordered for {{properties.total}}".',
        additionalProperties: { type: 'string', minLength: 1, maxLength: 4000 },
        maxProperties: 100,
      },
      default_template: { type: 'string', minLength: 1, maxLength: 4000, title: 'Default template', default: SLACK_DEFAULT_TEMPLATE },
    },
  },
  urlFields: ['url'],
  limits: { maxEvents: 1, maxBytes: 60_000, maxWaitMs: 0, rateLimit: 1 },
  requests(events, config) {
    return events.map((event) => ({ url: config.url, headers: {}, body: JSON.stringify(toSlackMessage(event, config)) }));
  },
});

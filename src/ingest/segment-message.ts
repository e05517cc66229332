import type { FieldError } from '../errors/index.ts';
import { ajv, fieldErrors, joinPath } from '../http/validate.ts';
import { parseTime } from '../lib/time.ts';

export const SEGMENT_TYPES = ['track', 'identify', 'page', 'screen', 'group', 'alias'] as const;
export type SegmentType = (typeof SEGMENT_TYPES)[number];

const identifier = { type: ['string', 'number', 'null'], maxLength: 512 };
const optionalObject = { type: ['object', 'null'] };
const optionalString = { type: ['string', 'null'], maxLength: 2048 };

/**
 * Field types of one Segment message; which fields are required depends on the type (below).
 * Also the message's schema in /openapi.json.
 */
export const segmentMessageSchema = {
  type: 'object',
  description:
    'One Segment message. `userId` or `anonymousId` is required (alias: `userId` and `previousId`); track needs `event`, group needs `groupId`; ' +
    'timestamps are ISO-8601.',
  properties: {
    type: { enum: [...SEGMENT_TYPES] },
    userId: identifier,
    anonymousId: identifier,
    groupId: identifier,
    previousId: identifier,
    // Names are indexed; 500 characters stay under PostgreSQL's b-tree row limit in any script.
    event: { type: 'string', minLength: 1, maxLength: 500 },
    name: { type: ['string', 'null'], maxLength: 500 },
    category: optionalString,
    messageId: { type: ['string', 'null'], minLength: 1, maxLength: 512 },
    timestamp: optionalString,
    sentAt: optionalString,
    originalTimestamp: optionalString,
    properties: optionalObject,
    traits: optionalObject,
    context: optionalObject,
    integrations: optionalObject,
    writeKey: { type: 'string' },
  },
  examples: [{ type: 'track', userId: 'user-42', event: 'Order Completed', properties: { revenue: 49.99, currency: 'USD' } }],
};
const validateShape = ajv.compile(segmentMessageSchema);

function present(value: unknown): boolean {
  return value !== undefined && value !== null && value !== '';
}

/**
 * Every field error of one message, under `prefix` (`batch.3` in a batch). `routeType` is the type
 * the path implies (`/v1/track`); a batch message must name its own.
 */
export function validateSegmentMessage(message: unknown, routeType: SegmentType | undefined, prefix = ''): FieldError[] {
  if (message === null || typeof message !== 'object' || Array.isArray(message)) {
    return [{ field: prefix || 'body', message: 'must be an object' }];
  }
  const errors: FieldError[] = validateShape(message) ? [] : fieldErrors(validateShape.errors, prefix);
  const msg = message as Record<string, unknown>;
  const type = routeType ?? (msg.type as SegmentType | undefined);
  if (routeType && present(msg.type) && msg.type !== routeType) {
    errors.push({ field: joinPath(prefix, 'type'), message: `must be "${routeType}" on this endpoint` });
  }
  if (!routeType && !present(msg.type)) errors.push({ field: joinPath(prefix, 'type'), message: 'is required' });

  if (type === 'alias') {
    if (!present(msg.userId)) errors.push({ field: joinPath(prefix, 'userId'), message: 'is required for alias' });
    if (!present(msg.previousId)) errors.push({ field: joinPath(prefix, 'previousId'), message: 'is required for alias' });
  } else if (!present(msg.userId) && !present(msg.anonymousId)) {
    errors.push({ field: joinPath(prefix, 'userId'), message: 'userId or anonymousId is required' });
  }
  if (type === 'track' && msg.event === undefined) errors.push({ field: joinPath(prefix, 'event'), message: 'is required for track' });
  if (type === 'group' && !present(msg.groupId)) errors.push({ field: joinPath(prefix, 'groupId'), message: 'is required for group' });

  for (const field of ['timestamp', 'sentAt', 'originalTimestamp'] as const) {
    if (typeof msg[field] === 'string' && msg[field] !== '' && parseTime(msg[field]) === undefined) {
      errors.push({ field: joinPath(prefix, field), message: 'must be an ISO-8601 date-time' });
    }
  }
  return errors;
}

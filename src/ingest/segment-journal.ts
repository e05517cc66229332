import type { InboxJournalRow } from '../db/index.ts';
import type { JournalEvent } from '../inbox/index.ts';
import { batchMessageTexts } from './batch-slices.ts';
import { SEGMENT_TYPES, type SegmentType } from './segment-message.ts';

type Json = Record<string, unknown>;

/** The journal route of a Segment batch; single messages use their type (`track`…). */
export const SEGMENT_BATCH_ROUTE = 'batch';

const SINGLE_ROUTES = new Set<string>(SEGMENT_TYPES);

interface BatchDefaults {
  sentAt: unknown;
  context: Json | undefined;
  integrations: Json | undefined;
}

function isObject(value: unknown): value is Json {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

/**
 * The message as the inbox stores it: its text exactly as received when nothing needs changing,
 * else a copy with the type the path implies, the batch's sentAt/context/integrations filled in,
 * and the write key removed (a secret has no place in stored events). Also the message as an
 * object equal to that text parsed, so the worker need not parse it again.
 */
function storedMessage(msg: Json, type: SegmentType, raw: string | undefined, defaults: BatchDefaults | undefined): { text: string; parsed: Json } {
  const needsCopy =
    msg.writeKey !== undefined ||
    msg.type !== type ||
    (defaults !== undefined && (defaults.context !== undefined || defaults.integrations !== undefined || msg.sentAt === undefined));
  // Without the raw text, serialise the parsed message as it is, without first copying it (a
  // spread copy costs more than the serialisation).
  if (!needsCopy) return { text: raw ?? JSON.stringify(msg), parsed: msg };
  const copy: Json = { ...msg, type };
  delete copy.writeKey;
  if (defaults) {
    if (copy.sentAt === undefined && defaults.sentAt !== undefined) copy.sentAt = defaults.sentAt;
    if (defaults.context) copy.context = { ...defaults.context, ...(isObject(msg.context) ? msg.context : {}) };
    if (defaults.integrations) copy.integrations = { ...defaults.integrations, ...(isObject(msg.integrations) ? msg.integrations : {}) };
  }
  return { text: JSON.stringify(copy), parsed: copy };
}

function dedupeKey(msg: Json): string | null {
  return typeof msg.messageId === 'string' && msg.messageId !== '' ? `msg:${msg.messageId}` : null;
}

/**
 * The events of a Segment request kept in the journal (see `inbox/journal-record.ts`): one for a
 * single message, one per message of a batch, each stored as `storedMessage` says. The route
 * validated the body before appending it; what cannot be read here throws.
 */
export function expandSegmentRequest(record: Readonly<InboxJournalRow>): JournalEvent[] {
  const body: unknown = JSON.parse(record.body);
  if (!isObject(body)) throw new Error('the body is not a JSON object');
  if (SINGLE_ROUTES.has(record.route)) {
    const { text, parsed } = storedMessage(body, record.route as SegmentType, record.body, undefined);
    return [{ dedupeKey: dedupeKey(body), payload: text, parsed }];
  }
  if (record.route !== SEGMENT_BATCH_ROUTE || !Array.isArray(body.batch)) throw new Error(`not a Segment ${record.route} body`);
  const defaults: BatchDefaults = {
    sentAt: body.sentAt,
    context: isObject(body.context) ? body.context : undefined,
    integrations: isObject(body.integrations) ? body.integrations : undefined,
  };
  // Each message as the client wrote it, stored as is when nothing in it needs changing.
  const texts = batchMessageTexts(record.body);
  const raw = texts !== undefined && texts.length === body.batch.length ? texts : undefined;
  return body.batch.map((msg: unknown, index: number) => {
    if (!isObject(msg)) throw new Error(`batch.${index} is not an object`);
    const { text, parsed } = storedMessage(msg, msg.type as SegmentType, raw?.[index], defaults);
    return { dedupeKey: dedupeKey(msg), payload: text, parsed };
  });
}

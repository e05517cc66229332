import type { MessageIdentity } from './identities.ts';
import { messageIdentity } from './identities.ts';

type Json = Record<string, unknown>;

/** A journal record's body once the person's messages are cut out. */
export interface JournalRewrite {
  /** The body to store instead, or null when none of its messages is left (delete the record). */
  readonly body: string | null;
  readonly removed: number;
  readonly left: number;
}

function object(value: unknown): Json | undefined {
  return value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as Json) : undefined;
}

/**
 * A Segment request body (as the journal keeps it, see `ingest/segment-journal.ts`) without the
 * messages `isTheirs` claims: `undefined` when it claims none. A single message is the whole body;
 * a batch keeps its other messages and its own fields (`context`, `sentAt`…), which the worker
 * still applies to them. Only Segment requests are kept in the journal; a body that cannot be
 * read is left to the worker, which turns it into one failed inbox row (matched by its payload).
 */
export function withoutPerson(api: string, route: string, text: string, isTheirs: (identity: MessageIdentity) => boolean): JournalRewrite | undefined {
  if (api !== 'segment') return undefined;
  let body: Json | undefined;
  try {
    body = object(JSON.parse(text));
  } catch {
    return undefined;
  }
  if (body === undefined) return undefined;
  if (route !== 'batch') return isTheirs(messageIdentity('segment', { ...body, type: route })) ? { body: null, removed: 1, left: 0 } : undefined;
  if (!Array.isArray(body.batch)) return undefined;
  const context = object(body.context);
  const kept = body.batch.filter((msg: unknown) => !isTheirs(messageIdentity('segment', object(msg) ?? {}, context)));
  const removed = body.batch.length - kept.length;
  if (removed === 0) return undefined;
  return { body: kept.length === 0 ? null : JSON.stringify({ ...body, batch: kept }), removed, left: kept.length };
}

import type { IngestApi } from '../db/index.ts';
import type { SubjectType } from './tables.ts';

type Json = Record<string, unknown>;

/** The ids one person is known by, per kind; emails lower-cased. */
export interface IdentityLists {
  user_id: string[];
  anonymous_id: string[];
  email: string[];
}

/** The ids one event names: who sent it, and for an alias the id it merges (`previousId`). */
export interface MessageIdentity {
  userId: string | null;
  anonymousId: string | null;
  email: string | null;
  /** An alias's previous id: a user id or an anonymous id, so it is matched as both. */
  previousId: string | null;
}

function object(value: unknown): Json {
  return value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as Json) : {};
}

/** As the pipeline reads ids (pipeline/normalize.ts): a non-empty string, or a finite number. */
function id(value: unknown): string | null {
  if (typeof value === 'string') return value === '' ? null : value;
  if (typeof value === 'number' && Number.isFinite(value)) return String(value);
  return null;
}

function text(value: unknown): string | null {
  return typeof value === 'string' && value !== '' ? value : null;
}

/**
 * The identity of an event as an API received it, read the way the pipeline will normalise it,
 * so ingest can drop a suppressed person's events before they are stored. `batchContext` is a
 * Segment batch's own `context`, which its messages inherit.
 */
export function messageIdentity(api: IngestApi, msg: Json, batchContext?: Json): MessageIdentity {
  switch (api) {
    case 'segment': {
      const context = object(msg.context);
      const email = text(object(msg.traits).email) ?? text(object(context.traits).email) ?? text(object(object(batchContext).traits).email);
      return { userId: id(msg.userId), anonymousId: id(msg.anonymousId), email, previousId: msg.type === 'alias' ? id(msg.previousId) : null };
    }
    case 'workspace':
      return { userId: id(msg.user_id), anonymousId: id(msg.anonymous_id), email: text(object(msg.traits).email), previousId: null };
    case 'client':
      return { userId: id(msg.uid), anonymousId: null, email: text(msg.email), previousId: null };
    case 'domain': {
      const body = object(msg.body);
      return { userId: id(body.userId), anonymousId: null, email: text(body.email), previousId: null };
    }
  }
}

/** A person's ids as sets, for matching many events against them. */
export class IdentitySet {
  private readonly sets: Record<SubjectType, Set<string>>;

  constructor(lists: IdentityLists = { user_id: [], anonymous_id: [], email: [] }) {
    this.sets = { user_id: new Set(lists.user_id), anonymous_id: new Set(lists.anonymous_id), email: new Set(lists.email.map(normalEmail)) };
  }

  get size(): number {
    return this.sets.user_id.size + this.sets.anonymous_id.size + this.sets.email.size;
  }

  has(type: SubjectType, value: string): boolean {
    return this.sets[type].has(type === 'email' ? normalEmail(value) : value);
  }

  /** Adds an id; true when it was new. */
  add(type: SubjectType, value: string): boolean {
    const key = type === 'email' ? normalEmail(value) : value;
    if (this.sets[type].has(key)) return false;
    this.sets[type].add(key);
    return true;
  }

  /** Whether the event names any of these ids. */
  matches(identity: MessageIdentity): boolean {
    return (
      (identity.userId !== null && this.sets.user_id.has(identity.userId)) ||
      (identity.anonymousId !== null && this.sets.anonymous_id.has(identity.anonymousId)) ||
      (identity.email !== null && this.sets.email.has(normalEmail(identity.email))) ||
      (identity.previousId !== null && (this.sets.user_id.has(identity.previousId) || this.sets.anonymous_id.has(identity.previousId)))
    );
  }

  /**
   * Adds every id of a matched event: the person's other ids are linked through it (an identify
   * that names both the anonymous id and the user id, an alias that merges two ids). Returns the
   * ids that were new.
   */
  link(identity: MessageIdentity): Array<[SubjectType, string]> {
    const added: Array<[SubjectType, string]> = [];
    const take = (type: SubjectType, value: string | null) => {
      if (value !== null && this.add(type, value)) added.push([type, type === 'email' ? normalEmail(value) : value]);
    };
    take('user_id', identity.userId);
    take('anonymous_id', identity.anonymousId);
    take('email', identity.email);
    // The previous id may have been either kind; as the other kind it matches nothing.
    take('user_id', identity.previousId);
    take('anonymous_id', identity.previousId);
    return added;
  }

  toLists(): IdentityLists {
    return { user_id: [...this.sets.user_id], anonymous_id: [...this.sets.anonymous_id], email: [...this.sets.email] };
  }

  /** Every (kind, id) pair, for suppression rows. */
  entries(): Array<[SubjectType, string]> {
    return (['user_id', 'anonymous_id', 'email'] as const).flatMap((type) => [...this.sets[type]].map((value): [SubjectType, string] => [type, value]));
  }
}

/** Emails match whatever their case: `Ada@Example.com` is the same person as `ada@example.com`. */
export function normalEmail(email: string): string {
  return email.trim().toLowerCase();
}

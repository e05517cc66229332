import type { FieldError } from '../../errors/index.ts';
import type { FlowContext, FlowResult } from '../flows/flow-context.ts';

/**
 * One `/event/{slug}` kind: its slug, the JSON schema its body must match, and the flow that turns
 * a valid body into domain events. Built-ins and plugins implement the same interface.
 */
export interface EventFactory<Body = Record<string, unknown>> {
  readonly slug: string;
  /** JSON schema (Ajv, draft 7) of the request body. */
  readonly schema: object;
  /**
   * Checks the schema cannot express (money precision, one-of rules); every failing field. Runs
   * even when the schema failed, so it must not assume the body's types.
   */
  check?(body: Body): FieldError[];
  /**
   * The key that makes a retry of this event a duplicate, or null. Defaults to `source` +
   * `externalId` when the body has both (Siren's SDK retries sales and refunds).
   */
  dedupeKey?(body: Body): string | null;
  /**
   * What a repeat of the dedupe key with another body means. `'conflict'` (the default): the key
   * names one fact, such as an order or a refund, so a body that differs (compared as canonical
   * JSON) is refused with `422 event_already_reported` instead of being answered with the first
   * report. `'first-wins'`: the key names a subject that counts once (one application per
   * applicant), so a later body is answered like the first.
   */
  readonly repeatWithOtherBody?: 'conflict' | 'first-wins';
  /**
   * Fed only by an integration's own route (a Stripe event, after its signature verified), never by
   * `/event/{slug}` or a binding: the body is trusted because of where it came from.
   */
  readonly internal?: boolean;
  /** Runs the flow inside the inbound event's transaction. Throwing rolls everything back. */
  handle(body: Body, flow: FlowContext): Promise<FlowResult>;
}

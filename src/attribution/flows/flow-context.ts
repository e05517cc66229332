import { ERROR_CODES, type ErrorCode, type FieldError } from '../../errors/index.ts';
import type { Dispatcher, ListenerContext } from '../bus/index.ts';
import type { ProgramCache } from '../model/program-cache.ts';

/** What the request told us about the visitor's opportunity (header or cookie), before any lookup. */
export interface FlowHints {
  opportunityId: number | null;
  /** The address the event came from (its `context.ip`); absent for admin actions. */
  clientIp?: string | null;
}

/** Everything a flow needs for one inbound event: its transaction, its dispatcher, its hints. */
export interface FlowContext extends ListenerContext {
  readonly dispatcher: Dispatcher;
  readonly hints: FlowHints;
  /** Programs already read in this transaction (see ProgramCache). */
  readonly programs: ProgramCache;
  /**
   * The keyed hash of `hints.clientIp` (partners/ip-hasher.ts), computed once when first asked;
   * null without an address, for a non-public one, or in an engine built without a hasher.
   */
  readonly clientIpHash: () => string | null;
}

/**
 * How the inbound event ended, as the `/event/{slug}` answer reports it: the HTTP status, the
 * opportunity id for `X-Siren-OID`, and for 4xx a stable code and message.
 */
export interface FlowResult {
  status: number;
  opportunityId: number | null;
  error?: { code: ErrorCode; message: string; fields?: FieldError[] };
}

export const ok = (opportunityId: number | null): FlowResult => ({ status: 200, opportunityId });

/** A refused event: its status is the code's, from the catalogue, as for every other error. */
export const refused = (code: ErrorCode, message: string, opportunityId: number | null = null, fields?: FieldError[]): FlowResult => ({
  status: ERROR_CODES[code],
  opportunityId,
  error: fields ? { code, message, fields } : { code, message },
});

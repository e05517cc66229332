/**
 * The API's resources as the console reads them, taken from the types generated from
 * /openapi.json (schema.d.ts, `npm run openapi:generate`): when the API's description changes,
 * the console is type-checked against the new shapes.
 */
import type { paths } from './schema.d.ts';

type Json<Answer> = Answer extends { content: { 'application/json': infer Body } } ? Body : never;

/** The JSON body of an operation's answer with `status`. */
export type AnswerOf<
  Path extends keyof paths,
  Method extends keyof paths[Path],
  Status extends number = 200,
> = paths[Path][Method] extends { responses: infer Responses } ? (Status extends keyof Responses ? Json<Responses[Status]> : never) : never;

/** The JSON body an operation takes. */
export type BodyOf<Path extends keyof paths, Method extends keyof paths[Path]> = paths[Path][Method] extends {
  requestBody?: { content: { 'application/json': infer Body } };
}
  ? Body
  : never;

/** One item of a list answer (a page's `data`, or a bare array). */
type ItemOf<List> = List extends { data: Array<infer Item> } ? Item : List extends Array<infer Item> ? Item : never;

const WS = '/api/v1/workspaces/{id}' as const;
type W = typeof WS;

export type Collaborator = AnswerOf<`${W}/collaborators/{collaboratorId}`, 'get'>;
export type ReferralCode = ItemOf<AnswerOf<`${W}/collaborators/{collaboratorId}/referral-codes`, 'get'>>;
export type Program = AnswerOf<`${W}/programs/{programId}`, 'get'>;
export type Conversion = AnswerOf<`${W}/conversions/{recordId}`, 'get'>;
export type Obligation = AnswerOf<`${W}/obligations/{recordId}`, 'get'>;
export type Payout = AnswerOf<`${W}/payouts/{payoutId}`, 'get'>;
/** A fulfillment run. */
export type FulfillmentRun = AnswerOf<`${W}/fulfillments/{fulfillmentId}`, 'get'>;
/** A row of the incoming inbox. */
export type IncomingRow = ItemOf<AnswerOf<`${W}/events/incoming`, 'get'>>;
/** A webhook destination; `signing_secret` only in the answers of create and rotate. */
export type Destination = AnswerOf<`${W}/destinations/{destinationId}`, 'get'> & { signing_secret?: string };
/** A forwarding rule. */
export type Rule = AnswerOf<`${W}/event-forwarding-rules/{ruleId}`, 'get'>;
export type Delivery = AnswerOf<`${W}/deliveries/{deliveryId}`, 'get'>;
export type DeliveryAttempt = Delivery['attempts'][number];
export type ApiKey = ItemOf<AnswerOf<`${W}/api-keys`, 'get'>>;
export type WriteKey = ItemOf<AnswerOf<`${W}/event-keys`, 'get'>>;
/** A canonical event. */
export type CanonicalEvent = AnswerOf<`${W}/events/{eventId}` extends keyof paths ? `${W}/events/{eventId}` : '/api/v1/public/authenticated/events/{eventId}', 'get'>;

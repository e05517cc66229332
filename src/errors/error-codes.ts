/**
 * The catalogue of machine-readable error codes and the HTTP status each one answers with.
 * Codes are stable API: clients branch on them. Add new ones; never rename or reuse one.
 */
export const ERROR_CODES = {
  invalid_json: 400,
  invalid_request: 400,
  invalid_encoding: 400,
  forbidden_property: 400,
  validation_failed: 400,
  url_not_allowed: 400,
  invalid_signature: 400,
  too_deeply_nested: 400,
  unsupported_media_type: 415,
  payload_too_large: 413,
  batch_too_large: 413,
  headers_too_large: 431,
  request_timeout: 408,
  unauthorized: 401,
  forbidden: 403,
  not_found: 404,
  route_not_found: 404,
  method_not_allowed: 405,
  not_acceptable: 406,
  conflict: 409,
  idempotency_key_reused: 422,
  event_already_reported: 422,
  refund_exceeds_sale: 422,
  transaction_already_attributed: 409,
  metric_period_closed: 409,
  rate_limited: 429,
  internal_error: 500,
  service_unavailable: 503,
} as const;

export type ErrorCode = keyof typeof ERROR_CODES;

/** One sentence per code, served at `GET /api/v1/errors` and checked by the catalogue test. */
export const ERROR_DESCRIPTIONS: Record<ErrorCode, string> = {
  invalid_json: 'The body is not valid JSON.',
  invalid_request: 'The request is not valid HTTP, or its path is not valid percent-encoding.',
  invalid_encoding: 'The body is not valid UTF-8.',
  forbidden_property: 'The body contains a __proto__ or constructor.prototype key.',
  validation_failed: 'One or more fields are missing or invalid; `data.fields` lists each one.',
  url_not_allowed: 'The URL is refused by the SSRF guard (not http(s), has credentials, or reaches a private address); `data.fields` says why.',
  invalid_signature: 'The webhook\'s signature header is missing, does not verify with the stored signing secret, or is older than the tolerance (Stripe: 300 s).',
  too_deeply_nested: 'A value nests objects or arrays deeper than the limit.',
  unsupported_media_type: 'The Content-Type is not one this endpoint accepts.',
  payload_too_large: 'The body or one event in it is larger than the limit.',
  batch_too_large: 'The batch holds more events than the limit.',
  headers_too_large: 'The request headers are larger than the server accepts (16 KB in all).',
  request_timeout: 'The request was not received in full in time; send it again.',
  unauthorized: 'The credential is missing, unknown, revoked or for another workspace.',
  forbidden: 'The credential is valid but lacks the scope this call needs.',
  not_found: 'The object does not exist in this workspace.',
  route_not_found: 'No endpoint answers at this method and path.',
  method_not_allowed: 'The endpoint exists but does not answer this HTTP method.',
  not_acceptable: 'The endpoint cannot answer in any of the media types the `Accept` header lists.',
  conflict: 'The request conflicts with the current state (for example an idempotent request still in flight).',
  idempotency_key_reused: 'The idempotency key was already used with a different body.',
  event_already_reported: 'An event with the same identity (`source` + `externalId` of a sale, refund, renewal or lead) was already reported with a different body; the first report stands.',
  refund_exceeds_sale: 'The refund is larger than what is left of the sale it reverses.',
  transaction_already_attributed: 'The transaction already has conversions that are not rejected; attribute it again with `replace: true` to reject them first.',
  metric_period_closed:
    'The metric\'s `occurredAt` falls in a period a distribution counting that metric has already paid out; `data.fields` names the distribution and the period. Retrying does not help.',
  rate_limited: 'Too many requests in a short time; wait (see `Retry-After` when present) and send it again.',
  internal_error: 'An unexpected error; the request can be retried.',
  service_unavailable: 'The service is starting, stopping or its database is unreachable.',
};

/** One entry of the catalogue as `GET /api/v1/errors` serves it. */
export interface ErrorCatalogueEntry {
  code: ErrorCode;
  status: number;
  description: string;
}

/** The whole catalogue, in declaration order, for clients that branch on codes. */
export function errorCatalogue(): ErrorCatalogueEntry[] {
  return (Object.keys(ERROR_CODES) as ErrorCode[]).map((code) => ({ code, status: ERROR_CODES[code], description: ERROR_DESCRIPTIONS[code] }));
}

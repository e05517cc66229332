import type { FastifySchema } from 'fastify';
import type { Scope } from '../auth/index.ts';

/**
 * How a route describes itself for `/openapi.json`: one `describeRoute({...})` as the route's
 * options, `app.get(path, describeRoute({...}), handler)`. docs/api.md shows the pattern.
 *
 * The request schemas are the ones the handler validates with: a route module declares its body
 * schema as a constant, compiles it with `compileValidator` for the handler and hands the same
 * constant here, so the document and the validation cannot drift apart. Fastify itself does not
 * validate with them (document.ts says why), and `test/support/openapi-conformance.ts` checks
 * every request and answer the HTTP tests make against the document.
 */

/** The tags that group operations in the reference, in the order the reference lists them. */
export const TAGS = {
  Health: 'Liveness, readiness and the error catalogue.',
  Workspaces: 'Workspaces and their credentials (API keys, write keys) and settings.',
  Segment: 'The Segment-compatible tracking API (`/v1/*`), for Segment SDKs, with the write key as the HTTP Basic username.',
  'Client events': 'Sending events with an API key or a write key as a bearer token.',
  'Workspace events': 'Sending events to a workspace by write key and `X-Workspace-ID`, and reading canonical and incoming events.',
  Contracts: 'Event contracts (schemas) and their violations.',
  Transformations: 'JavaScript transformations run in a sandbox.',
  Forwarding: 'Destinations, forwarding rules and deliveries.',
  Attribution: 'Domain events (`/event/{slug}`), event bindings and attribution settings.',
  Programs: 'Programs and program groups: incentive rules and attribution windows.',
  Collaborators: 'Collaborators (partners), their referral codes, coupons and submissions.',
  Records: 'Opportunities, engagements, transactions, conversions and obligations.',
  Fulfillment: 'Fulfillments, payouts and manual attribution.',
  Distributions: 'Scheduled distributions and their runs.',
  Reports: 'Ledger and reports.',
  System: 'Recipes, the domain-event log and Siren webhook subscriptions.',
  Siren: 'The Siren-compatible API (`/siren/v1`), for Siren\'s official SDKs.',
  'Partner programs': 'Holding periods, enrollments, fraud review and portal login links (the admin side of partner programs).',
  'Partner portal': 'The partner API (`/partner/v1`): a signed-in collaborator reads their own links, commissions, payouts and balance.',
  Links: 'Referral links (`/r/{code}`), click counts and the tracking snippet.',
  Integrations: 'Stripe, without code: the webhook endpoint and its settings.',
  Privacy: 'Regulations: erasing and suppressing a person.',
  Operations: 'Retention and rate-limit settings.',
  Metrics: 'Prometheus metrics.',
  Documentation: 'This description and its reference page.',
} as const;

export type ApiTag = keyof typeof TAGS;

/** OpenAPI security requirements: any one entry suffices. Scopes name the API-key scope needed. */
export type Security = ReadonlyArray<Readonly<Record<string, readonly string[]>>>;

export const SECURITY = {
  /** No credential. */
  public: [] as Security,
  /** The operator token only. */
  operator: [{ operatorToken: [] }] as Security,
  /** The operator token, or an API key of the workspace in the path with `scope` (`admin` implies all). */
  workspace: (scope: Scope): Security => [{ operatorToken: [] }, { apiKey: [scope] }],
  /** A write key, as the HTTP Basic username (Segment's SDKs) or as `writeKey` in the body. */
  writeKey: [{ writeKeyBasic: [] }] as Security,
  /** An API key with `scope` or a write key (sending only) as a bearer token; the operator token with `?workspace_id=`. */
  eventsKey: (scope: Scope): Security => [{ apiKey: [scope] }, { writeKeyBearer: [] }, { operatorToken: [] }],
  /** The metrics token (`METRICS_TOKEN`). */
  metrics: [{ metricsToken: [] }] as Security,
  /** A partner portal session token (`trb_ps_…`). */
  partner: [{ partnerSession: [] }] as Security,
};

/** A response entry: a JSON schema (with a `description`), or `{ description, content }` for other media types. */
export type ResponseDoc = Record<string, unknown> & { description: string };

export interface RouteDoc {
  /** Unique camelCase name; the generated client's method names come from it. */
  operationId: string;
  summary: string;
  description?: string;
  tags: readonly ApiTag[];
  security: Security;
  params?: object;
  querystring?: object;
  body?: object;
  headers?: object;
  /** Media types of the body when not only JSON. */
  consumes?: readonly string[];
  /** The answers other than errors, by status. The document adds the error answers (4xx, 5xx: the shared error body). */
  response: Readonly<Record<number, ResponseDoc>>;
  deprecated?: boolean;
}

/** The route options that carry a route's description: `app.get(path, describeRoute({...}), handler)`. */
export function describeRoute(doc: RouteDoc): { schema: FastifySchema } {
  return { schema: doc as FastifySchema };
}

/** Path parameters, each a string: ids that are malformed answer 404 as unknown ones do, so no pattern here. */
export function pathParams(descriptions: Record<string, string>) {
  return {
    type: 'object',
    required: Object.keys(descriptions),
    properties: Object.fromEntries(Object.entries(descriptions).map(([name, description]) => [name, { type: 'string', description }])),
  } as const;
}

/** The `{id}` of `/api/v1/workspaces/{id}/…`, with more parameters after it. */
export function workspaceParams(more: Record<string, string> = {}) {
  return pathParams({ id: 'The workspace id.', ...more });
}

/** A JSON answer: `schema` with the response's description. */
export function json(description: string, schema: object = {}): ResponseDoc {
  return { description, ...schema };
}

/** An answer with no body (204). */
export const noContent: ResponseDoc = { description: 'Done; no body.', type: 'null' };

/** An answer in another media type (CSV, JavaScript, HTML, event streams, Prometheus text). */
export function media(description: string, contentType: string): ResponseDoc {
  return { description, content: { [contentType]: { schema: { type: 'string' } } } };
}

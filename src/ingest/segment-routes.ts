import cors from '@fastify/cors';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { AppError, type FieldError } from '../errors/index.ts';
import { registerSegmentErrorShape } from '../http/error-handler.ts';
import { jsonBodyParser } from '../http/json-body-parser.ts';
import type { JournalRecord } from '../inbox/index.ts';
import { batchMessageTexts } from './batch-slices.ts';
import { MAX_BATCH_BYTES, MAX_EVENT_BYTES } from './limits.ts';
import { registerSegmentCdnRoutes } from './segment-cdn.ts';
import { SEGMENT_BATCH_ROUTE } from './segment-journal.ts';
import { segmentMessageSchema, SEGMENT_TYPES, validateSegmentMessage, type SegmentType } from './segment-message.ts';
import { describeRoute, json, pathParams, SECURITY } from '../openapi/index.ts';
import type { Authenticator } from '../auth/index.ts';
import type { Config } from '../config.ts';
import type { InboxWriter } from '../inbox/index.ts';
import { messageIdentity, type SuppressionCache } from '../regulations/index.ts';

/** What these routes use; the capability's `index.ts` hands it over. */
interface Deps {
  readonly auth: Authenticator;
  readonly config: Config;
  readonly inbox: InboxWriter;
  readonly suppressions: SuppressionCache;
}

type Json = Record<string, unknown>;

/** analytics.js posts to `{apiHost}/t`, `/p` … (the type's first letter) and batches to `/b`. */
const SHORT_PATHS: Record<string, SegmentType> = { t: 'track', i: 'identify', p: 'page', s: 'screen', g: 'group', a: 'alias' };

const SUCCESS = { success: true } as const;

const accepted = json('Accepted: on disk, processed afterwards.', { type: 'object', required: ['success'], properties: { success: { const: true } } });

function segmentDoc(operation: string, type: SegmentType, description?: string) {
  return describeRoute({
    operationId: `segment${operation[0]!.toUpperCase()}${operation.slice(1)}`,
    summary: `Segment ${type}`,
    description: description ?? `Segment's \`${type}\` call. Errors also carry \`code\` and \`message\` at the top (Segment's Python SDK reads them there).`,
    tags: ['Segment'],
    security: SECURITY.writeKey,
    body: segmentMessageSchema,
    response: { 200: accepted },
  });
}

function batchDoc(name: string) {
  return describeRoute({
    operationId: `segment${name === 'b' ? 'BatchShort' : name[0]!.toUpperCase() + name.slice(1)}`,
    summary: name === 'batch' ? 'Segment batch' : `Segment batch (\`/v1/${name}\`)`,
    description: 'Up to 500 KB of messages, each up to 32 KB; nothing of a batch with a bad message is written.',
    tags: ['Segment'],
    security: SECURITY.writeKey,
    body: {
      type: 'object',
      required: ['batch'],
      properties: {
        batch: { type: 'array', minItems: 1, items: segmentMessageSchema },
        writeKey: { type: 'string' },
        context: { type: ['object', 'null'] },
        sentAt: { type: ['string', 'null'] },
      },
    },
    response: { 200: accepted },
  });
}

function isObject(value: unknown): value is Json {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

function byteLength(text: string): number {
  // A string of n UTF-16 units is at most 3n UTF-8 bytes: skip the exact count when far below.
  return text.length * 3 <= MAX_EVENT_BYTES ? text.length : Buffer.byteLength(text);
}

/** A copy without its `writeKey` (JSON.stringify leaves out undefined values). */
function withoutWriteKey(value: unknown): unknown {
  return isObject(value) && value.writeKey !== undefined ? { ...value, writeKey: undefined } : value;
}

/**
 * The body the journal keeps: as received, unless it carries a write key (in the body itself or
 * in a batch's message), a secret that is stored nowhere; then the parsed body without it.
 */
function journalBody(request: FastifyRequest, body: Json): string {
  const batch = Array.isArray(body.batch) ? body.batch : undefined;
  const carriesKey = body.writeKey !== undefined || (batch?.some((msg) => isObject(msg) && msg.writeKey !== undefined) ?? false);
  if (!carriesKey && request.rawBody !== undefined) return request.rawBody;
  return JSON.stringify(batch ? { ...body, writeKey: undefined, batch: batch.map(withoutWriteKey) } : withoutWriteKey(body));
}

/** Every message of a batch larger than Segment's 32 KB per message, as sent. */
function oversizedMessages(rawBody: string | undefined, batch: unknown[]): FieldError[] {
  // A body within the limit holds no message beyond it.
  if (rawBody !== undefined && byteLength(rawBody) <= MAX_EVENT_BYTES) return [];
  const texts = rawBody === undefined ? undefined : batchMessageTexts(rawBody);
  const sent = texts !== undefined && texts.length === batch.length ? texts : batch.map((msg) => JSON.stringify(msg));
  const errors: FieldError[] = [];
  sent.forEach((text, index) => {
    if (byteLength(text) > MAX_EVENT_BYTES) errors.push({ field: `batch.${index}`, message: `is larger than ${MAX_EVENT_BYTES} bytes` });
  });
  return errors;
}

/**
 * Where the browser SDK posts (`{protocol}://{apiHost}/t`) when PUBLIC_URL is set, its path kept:
 * behind a proxy at `https://example.com/events` the API is `example.com/events/v1`. Parsed once at
 * start, so a malformed PUBLIC_URL stops the server instead of failing every settings request.
 */
export function browserApi(publicUrl: string | undefined): { apiHost: string; protocol: string } | undefined {
  if (publicUrl === undefined) return undefined;
  let url: URL;
  try {
    url = new URL(publicUrl);
  } catch {
    throw new Error(`PUBLIC_URL must be an absolute http(s) URL, got ${JSON.stringify(publicUrl)}`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new Error(`PUBLIC_URL must use http or https, got ${url.protocol}`);
  return { apiHost: `${url.host}${url.pathname.replace(/\/+$/, '')}/v1`, protocol: url.protocol.slice(0, -1) };
}

/**
 * Segment's HTTP tracking API, so Segment's SDKs work by changing only their host:
 * `/v1/{track,identify,page,screen,group,alias,batch,import}`, the browser SDK's short paths and
 * `/v1/projects/{writeKey}/settings`, which the browser SDK loads from its CDN URL, and the
 * snippet's CDN files (segment-cdn.ts).
 */
export async function registerSegmentRoutes(app: FastifyInstance, deps: Deps): Promise<void> {
  const publicApi = browserApi(deps.config.publicUrl);
  await app.register(segmentScope, { prefix: '/v1' });
  registerSegmentCdnRoutes(app);

  async function segmentScope(scope: FastifyInstance): Promise<void> {
    // Write keys are public by design (they ship in web pages), so any origin may call. The
    // browser SDK lets a site add headers (`deliveryStrategy.config.headers`) and send
    // `credentials: 'include'`; a fixed header list or no credentials flag makes the browser drop
    // those events. Nothing under /v1 reads cookies, so allowing credentials grants nothing, and
    // the prefix keeps this preflight policy off every other route.
    // Segment's and RudderStack's servers read the body as JSON whatever it is labelled with:
    // RudderStack's Node SDK posts its gzipped batches as application/x-www-form-urlencoded, and
    // `curl -d` labels JSON the same way.
    scope.addContentTypeParser('*', { parseAs: 'buffer' }, jsonBodyParser);
    registerSegmentErrorShape(scope);
    await scope.register(cors, {
      origin: true,
      credentials: true,
      methods: ['GET', 'POST'],
      maxAge: 86_400,
    });

    async function authenticate(request: FastifyRequest): Promise<{ workspaceId: string; keyId: string }> {
      const body = request.body as Json | undefined;
      const key = deps.auth.basicUsername(request.headers.authorization) ?? (isObject(body) && typeof body.writeKey === 'string' ? body.writeKey : undefined);
      if (!key) throw new AppError('unauthorized', 'Send the write key as the HTTP Basic username or as `writeKey`.');
      const principal = await deps.auth.writeKey(key);
      if (!principal) throw new AppError('unauthorized', 'The write key is unknown or revoked.');
      return { workspaceId: principal.workspaceId, keyId: principal.keyId };
    }

    /**
     * Segment answers a repeated message like the first, so nothing here waits for
     * deduplication: the request goes into the inbox journal as received, and a worker splits it
     * into inbox rows, deduplicated by messageId (see segment-journal.ts).
     */
    function record(
      workspaceId: string,
      keyId: string,
      request: FastifyRequest,
      route: string,
      eventCount: number,
      receivedAt: number,
      body = journalBody(request, request.body as Json),
    ): JournalRecord {
      return {
        workspaceId,
        api: 'segment',
        route,
        eventCount,
        body,
        receivedAt,
        credentialId: `write_key:${keyId}`,
        clientIp: request.ip,
      };
    }

    const single = (type: SegmentType) => async (request: FastifyRequest) => {
      const receivedAt = Date.now();
      const { workspaceId, keyId } = await authenticate(request);
      const errors = validateSegmentMessage(request.body, type);
      if (errors.length > 0) throw AppError.validation(errors);
      // A suppressed person's event is answered as any other and kept nowhere (one map lookup
      // when the workspace suppresses nobody).
      const suppressed = await deps.suppressions.forWorkspace(workspaceId);
      if (suppressed !== undefined && suppressed.matches(messageIdentity('segment', { ...(request.body as Json), type }))) {
        deps.suppressions.countSuppressed('segment', 1);
        return SUCCESS;
      }
      await deps.inbox.appendToJournal(record(workspaceId, keyId, request, type, 1, receivedAt));
      return SUCCESS;
    };

    const batch = async (request: FastifyRequest) => {
      const receivedAt = Date.now();
      const { workspaceId, keyId } = await authenticate(request);
      const body = request.body;
      if (!isObject(body) || !Array.isArray(body.batch)) {
        throw AppError.validation([{ field: 'batch', message: 'is required and must be an array of messages' }]);
      }
      if (body.batch.length === 0) throw AppError.validation([{ field: 'batch', message: 'must hold at least one message' }]);
      const errors: FieldError[] = [];
      body.batch.forEach((msg: unknown, index: number) => {
        const messageErrors = validateSegmentMessage(msg, undefined, `batch.${index}`);
        if (messageErrors.length > 0) errors.push(...messageErrors);
      });
      // Nothing of a batch with a bad message is written: the client fixes it and sends it again.
      const tooLarge = oversizedMessages(request.rawBody, body.batch);
      if (tooLarge.length > 0) {
        throw new AppError('payload_too_large', `A message is larger than ${MAX_EVENT_BYTES} bytes.`, { data: { fields: tooLarge } });
      }
      if (errors.length > 0) throw AppError.validation(errors);
      const suppressed = await deps.suppressions.forWorkspace(workspaceId);
      if (suppressed !== undefined) {
        const context = isObject(body.context) ? body.context : undefined;
        const kept = body.batch.filter((msg: unknown) => !suppressed.matches(messageIdentity('segment', msg as Json, context)));
        if (kept.length < body.batch.length) {
          deps.suppressions.countSuppressed('segment', body.batch.length - kept.length);
          if (kept.length === 0) return SUCCESS;
          // The journal keeps the batch without the suppressed messages (and without write keys).
          const rest = JSON.stringify({ ...body, writeKey: undefined, batch: kept.map(withoutWriteKey) });
          await deps.inbox.appendToJournal(record(workspaceId, keyId, request, SEGMENT_BATCH_ROUTE, kept.length, receivedAt, rest));
          return SUCCESS;
        }
      }
      await deps.inbox.appendToJournal(record(workspaceId, keyId, request, SEGMENT_BATCH_ROUTE, body.batch.length, receivedAt));
      return SUCCESS;
    };

    for (const type of SEGMENT_TYPES) scope.post(`/${type}`, { bodyLimit: MAX_EVENT_BYTES, ...segmentDoc(type, type) }, single(type));
    for (const [short, type] of Object.entries(SHORT_PATHS)) {
      scope.post(`/${short}`, { bodyLimit: MAX_EVENT_BYTES, ...segmentDoc(`${type}Short`, type, `Same as \`/v1/${type}\` (the browser SDK's short path).`) }, single(type));
    }
    for (const path of ['/batch', '/import', '/b']) scope.post(path, { bodyLimit: MAX_BATCH_BYTES, ...batchDoc(path.slice(1)) }, batch);

    const settingsDoc = describeRoute({
      operationId: 'getSegmentProjectSettings',
      summary: 'Browser SDK settings for a write key',
      description: 'What analytics.js loads from its CDN URL; the write key in the path is its credential.',
      tags: ['Segment'],
      security: SECURITY.public,
      params: pathParams({ writeKey: 'A write key.' }),
      response: { 200: json('Segment\'s settings object, pointing the SDK at this server.', { type: 'object', required: ['integrations'] }) },
    });
    scope.get<{ Params: { writeKey: string } }>('/projects/:writeKey/settings', settingsDoc, async (request) => {
      const principal = await deps.auth.writeKey(request.params.writeKey);
      if (!principal) throw AppError.notFound('Write key');
      const { apiHost, protocol } = publicApi ?? { apiHost: `${request.host}/v1`, protocol: request.protocol };
      return {
        integrations: {
          'Segment.io': { apiKey: request.params.writeKey, apiHost, protocol, unbundledIntegrations: [], addBundledMetadata: true },
        },
        plan: { track: { __default: { enabled: true, integrations: {} } }, identify: { __default: { enabled: true } }, group: { __default: { enabled: true } } },
        edgeFunction: {},
        analyticsNextEnabled: true,
        middlewareSettings: {},
        enabledMiddleware: {},
        metrics: { sampleRate: 0 },
        legacyVideoPluginsEnabled: false,
        remotePlugins: [],
      };
    });
  }
}

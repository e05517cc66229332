import cors from '@fastify/cors';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { basicUsername } from '../auth/index.ts';
import type { AppContext } from '../context.ts';
import { AppError, type FieldError } from '../errors/index.ts';
import type { InboxEntry } from '../inbox/index.ts';
import { batchMessageTexts } from './batch-slices.ts';
import { MAX_BATCH_BYTES, MAX_EVENT_BYTES } from './limits.ts';
import { registerSegmentCdnRoutes } from './segment-cdn.ts';
import { SEGMENT_TYPES, validateSegmentMessage, type SegmentType } from './segment-message.ts';

type Json = Record<string, unknown>;

/** analytics.js posts to `{apiHost}/t`, `/p` … (the type's first letter) and batches to `/b`. */
const SHORT_PATHS: Record<string, SegmentType> = { t: 'track', i: 'identify', p: 'page', s: 'screen', g: 'group', a: 'alias' };

const SUCCESS = { success: true } as const;

interface BatchDefaults {
  sentAt: unknown;
  context: Json | undefined;
  integrations: Json | undefined;
}

function isObject(value: unknown): value is Json {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

function byteLength(text: string): number {
  // A string of n UTF-16 units is at most 3n UTF-8 bytes: skip the exact count when far below.
  return text.length * 3 <= MAX_EVENT_BYTES ? text.length : Buffer.byteLength(text);
}

/**
 * The message as we store it: the body exactly as received when nothing needs changing, else a
 * copy with the type the path implies, the batch's sentAt/context/integrations filled in, and the
 * write key removed (a secret has no place in stored events).
 */
function storedMessage(msg: Json, type: SegmentType, raw: string | undefined, defaults: BatchDefaults | undefined): string {
  const needsCopy =
    msg.writeKey !== undefined ||
    msg.type !== type ||
    (defaults !== undefined && (defaults.context !== undefined || defaults.integrations !== undefined || msg.sentAt === undefined));
  // Without the raw text, serialise the parsed message as it is, without first copying it (a
  // spread copy costs more than the serialisation).
  if (!needsCopy) return raw ?? JSON.stringify(msg);
  const copy: Json = { ...msg, type };
  delete copy.writeKey;
  if (defaults) {
    if (copy.sentAt === undefined && defaults.sentAt !== undefined) copy.sentAt = defaults.sentAt;
    if (defaults.context) copy.context = { ...defaults.context, ...(isObject(msg.context) ? msg.context : {}) };
    if (defaults.integrations) copy.integrations = { ...defaults.integrations, ...(isObject(msg.integrations) ? msg.integrations : {}) };
  }
  return JSON.stringify(copy);
}

function dedupeKey(msg: Json): string | null {
  return typeof msg.messageId === 'string' && msg.messageId !== '' ? `msg:${msg.messageId}` : null;
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
export async function registerSegmentRoutes(app: FastifyInstance, context: AppContext): Promise<void> {
  const publicApi = browserApi(context.config.publicUrl);
  await app.register(segmentScope, { prefix: '/v1' });
  registerSegmentCdnRoutes(app);

  async function segmentScope(scope: FastifyInstance): Promise<void> {
    // Write keys are public by design (they ship in web pages), so any origin may call. The
    // browser SDK lets a site add headers (`deliveryStrategy.config.headers`) and send
    // `credentials: 'include'`; a fixed header list or no credentials flag makes the browser drop
    // those events. Nothing under /v1 reads cookies, so allowing credentials grants nothing, and
    // the prefix keeps this preflight policy off every other route.
    await scope.register(cors, {
      origin: true,
      credentials: true,
      methods: ['GET', 'POST'],
      maxAge: 86_400,
    });

    async function authenticate(request: FastifyRequest): Promise<{ workspaceId: string; keyId: string }> {
      const body = request.body as Json | undefined;
      const key = basicUsername(request) ?? (isObject(body) && typeof body.writeKey === 'string' ? body.writeKey : undefined);
      if (!key) throw new AppError('unauthorized', 'Send the write key as the HTTP Basic username or as `writeKey`.');
      const principal = await context.auth.writeKey(key);
      if (!principal) throw new AppError('unauthorized', 'The write key is unknown or revoked.');
      return { workspaceId: principal.workspaceId, keyId: principal.keyId };
    }

    function entry(workspaceId: string, keyId: string, request: FastifyRequest, msg: Json, payload: string, receivedAt: number): InboxEntry {
      return {
        workspaceId,
        api: 'segment',
        dedupeKey: dedupeKey(msg),
        bodyHash: null,
        payload,
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
      const msg = request.body as Json;
      const payload = storedMessage(msg, type, request.rawBody, undefined);
      await context.inbox.append([entry(workspaceId, keyId, request, msg, payload, receivedAt)]);
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
      const defaults: BatchDefaults = {
        sentAt: body.sentAt,
        context: isObject(body.context) ? body.context : undefined,
        integrations: isObject(body.integrations) ? body.integrations : undefined,
      };
      const errors: FieldError[] = [];
      const tooLarge: FieldError[] = [];
      const entries: InboxEntry[] = [];
      // Each message as the client wrote it, stored as is when nothing in it needs changing.
      const texts = request.rawBody === undefined ? undefined : batchMessageTexts(request.rawBody);
      const raw = texts !== undefined && texts.length === body.batch.length ? texts : undefined;
      body.batch.forEach((msg: unknown, index: number) => {
        const messageErrors = validateSegmentMessage(msg, undefined, `batch.${index}`);
        if (messageErrors.length > 0) {
          errors.push(...messageErrors);
          return;
        }
        const message = msg as Json;
        const payload = storedMessage(message, message.type as SegmentType, raw?.[index], defaults);
        if (byteLength(payload) > MAX_EVENT_BYTES) {
          tooLarge.push({ field: `batch.${index}`, message: `is larger than ${MAX_EVENT_BYTES} bytes` });
          return;
        }
        entries.push(entry(workspaceId, keyId, request, message, payload, receivedAt));
      });
      // Nothing of a batch with a bad message is written: the client fixes it and sends it again.
      if (tooLarge.length > 0) {
        throw new AppError('payload_too_large', `A message is larger than ${MAX_EVENT_BYTES} bytes.`, { data: { fields: tooLarge } });
      }
      if (errors.length > 0) throw AppError.validation(errors);
      await context.inbox.append(entries);
      return SUCCESS;
    };

    for (const type of SEGMENT_TYPES) scope.post(`/${type}`, { bodyLimit: MAX_EVENT_BYTES }, single(type));
    for (const [short, type] of Object.entries(SHORT_PATHS)) scope.post(`/${short}`, { bodyLimit: MAX_EVENT_BYTES }, single(type));
    for (const path of ['/batch', '/import', '/b']) scope.post(path, { bodyLimit: MAX_BATCH_BYTES }, batch);

    scope.get<{ Params: { writeKey: string } }>('/projects/:writeKey/settings', async (request) => {
      const principal = await context.auth.writeKey(request.params.writeKey);
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

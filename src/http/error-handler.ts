import { STATUS_CODES } from 'node:http';
import type { Socket } from 'node:net';
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { ErrorObject } from 'ajv';
import { AppError, errorCatalogue, type ErrorCode } from '../errors/index.ts';
import { describeRoute, json, SECURITY } from '../openapi/index.ts';
import { fieldErrors } from './validate.ts';

/** The error body every endpoint answers with (Siren's SDKs read exactly this shape). */
export interface ErrorBody {
  error: { code: ErrorCode; message: string; data?: unknown };
}

const FASTIFY_CODES: Record<string, ErrorCode> = {
  FST_ERR_CTP_BODY_TOO_LARGE: 'payload_too_large',
  FST_ERR_CTP_INVALID_MEDIA_TYPE: 'unsupported_media_type',
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: 'invalid_json',
  FST_ERR_CTP_EMPTY_JSON_BODY: 'invalid_json',
  FST_ERR_CTP_INVALID_JSON_BODY: 'invalid_json',
};

/**
 * The code for an error some plugin or Fastify itself raised with only a status. The status is
 * kept: each one maps to the code whose catalogue entry has that status. A 4xx outside this table
 * cannot keep its status without a code that has it, so it answers as the nearest general code,
 * `invalid_request`; add a code here when a plugin starts answering another status.
 */
const STATUS_CODES_TO_ERROR: Partial<Record<number, ErrorCode>> = {
  400: 'invalid_request',
  401: 'unauthorized',
  403: 'forbidden',
  404: 'not_found',
  405: 'method_not_allowed',
  406: 'not_acceptable',
  408: 'request_timeout',
  409: 'conflict',
  413: 'payload_too_large',
  415: 'unsupported_media_type',
  429: 'rate_limited',
  431: 'headers_too_large',
  503: 'service_unavailable',
};

function toAppError(error: FastifyError | AppError | Error): AppError {
  if (error instanceof AppError) return error;
  const fastifyError = error as FastifyError;
  if (fastifyError.validation) {
    return AppError.validation(fieldErrors(fastifyError.validation as ErrorObject[], '', fastifyError.validationContext ?? 'body'));
  }
  const mapped = fastifyError.code ? FASTIFY_CODES[fastifyError.code] : undefined;
  if (mapped) return new AppError(mapped, fastifyError.message, { cause: error });
  const status = fastifyError.statusCode ?? 500;
  if (status >= 400 && status < 500) return new AppError(STATUS_CODES_TO_ERROR[status] ?? 'invalid_request', fastifyError.message, { cause: error });
  if (STATUS_CODES_TO_ERROR[status]) return new AppError(STATUS_CODES_TO_ERROR[status], fastifyError.message, { cause: error });
  return new AppError('internal_error', 'An unexpected error occurred.', { cause: error });
}

/**
 * Sends the error body. `topLevel` also puts `code` and `message` at the top of the body, beside
 * `error`, for clients that read them there (see registerSegmentErrorShape).
 */
export function sendError(reply: FastifyReply, error: AppError, options: { topLevel?: boolean } = {}): FastifyReply {
  const body: ErrorBody & { code?: string; message?: string } = { error: { code: error.code, message: error.message } };
  if (error.data !== undefined) body.error.data = error.data;
  if (options.topLevel) Object.assign(body, { code: error.code, message: error.message });
  if (error.headers) reply.headers(error.headers);
  return reply.status(error.statusCode).send(body);
}

function errorHandler(options: { topLevel?: boolean }) {
  return (error: FastifyError, request: FastifyRequest, reply: FastifyReply) => {
    const appError = toAppError(error);
    if (appError.statusCode >= 500) request.log.error({ err: error, reqId: request.id, method: request.method, url: request.url }, 'request failed');
    return sendError(reply, appError, options);
  };
}

/**
 * Segment's Python SDK reads `code` and `message` at the top of an error body; without them its
 * KeyError is retried like a network error, up to ten times with backoff, for a batch the API
 * refused for good, and the client's queue waits meanwhile. The Segment routes' errors carry both
 * shapes (ours under `error` too, so every other client reads them as everywhere else).
 */
export function registerSegmentErrorShape(scope: FastifyInstance): void {
  scope.setErrorHandler(errorHandler({ topLevel: true }));
}

/**
 * The error path of the whole API: the handler every route's errors go through, the 404 for paths
 * no route answers, and `GET /api/v1/errors`, the catalogue of codes they answer with (public: a
 * client needs it before it has a credential, and it holds nothing about any workspace).
 */
export function registerErrorHandler(app: FastifyInstance): void {
  app.setErrorHandler(errorHandler({}));
  const catalogue = errorCatalogue();
  app.get(
    '/api/v1/errors',
    describeRoute({
      operationId: 'listErrorCodes',
      summary: 'The catalogue of error codes',
      description: 'Every `error.code` the API answers with, its HTTP status and what it means.',
      tags: ['Health'],
      security: SECURITY.public,
      response: {
        200: json('The catalogue, in declaration order.', {
          type: 'array',
          items: {
            type: 'object',
            required: ['code', 'status', 'description'],
            properties: { code: { type: 'string' }, status: { type: 'integer' }, description: { type: 'string' } },
          },
        }),
      },
    }),
    async () => catalogue,
  );
  app.setNotFoundHandler((request, reply) =>
    sendError(reply, new AppError('route_not_found', `No endpoint at ${request.method} ${request.url.split('?')[0]}.`)),
  );
}

/**
 * Fastify's `frameworkErrors`: errors its router raises before any route or error handler runs.
 * Without it they answered in Fastify's own shape (`{"error":"Bad Request","code":"FST_ERR_BAD_URL"}`),
 * which clients reading `error.code` cannot read.
 */
export function frameworkErrorHandler(error: FastifyError, request: FastifyRequest, reply: FastifyReply): FastifyReply {
  const path = request.url.split('?')[0];
  if (error.code === 'FST_ERR_BAD_URL') {
    return sendError(reply, new AppError('invalid_request', 'The path is not valid percent-encoding.', { cause: error }));
  }
  // A parameter longer than any id matches no route; GET already answers so, through the 404 handler.
  if (error.code === 'FST_ERR_MAX_PARAM_LENGTH') {
    return sendError(reply, new AppError('route_not_found', `No endpoint at ${request.method} ${path}.`, { cause: error }));
  }
  request.log.error({ err: error }, 'request failed');
  return sendError(reply, new AppError('internal_error', 'An unexpected error occurred.', { cause: error }));
}

/**
 * Fastify's `clientErrorHandler`: Node's HTTP parser refused the bytes (headers over 16 KB, not
 * HTTP, too slow), so there is no request or reply, only the socket. Answers in the API's error
 * shape, then closes, as Node's own handler does.
 */
export function clientErrorHandler(error: NodeJS.ErrnoException, socket: Socket): void {
  if (error.code === 'ECONNRESET' || socket.destroyed) return;
  const appError =
    error.code === 'HPE_HEADER_OVERFLOW'
      ? new AppError('headers_too_large', 'The request headers are larger than 16 KB.')
      : error.code === 'ERR_HTTP_REQUEST_TIMEOUT'
        ? new AppError('request_timeout', 'The request was not received in full in time.')
        : new AppError('invalid_request', 'The request is not valid HTTP.');
  const body = JSON.stringify({ error: { code: appError.code, message: appError.message } } satisfies ErrorBody);
  if (socket.writable) {
    socket.write(
      `HTTP/1.1 ${appError.statusCode} ${STATUS_CODES[appError.statusCode]}\r\nContent-Type: application/json; charset=utf-8\r\n` +
        `Content-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`,
    );
  }
  socket.destroy(error);
}

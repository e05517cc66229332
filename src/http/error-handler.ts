import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { AppError, type ErrorCode, type FieldError } from '../errors/index.ts';

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

function toAppError(error: FastifyError | AppError | Error): AppError {
  if (error instanceof AppError) return error;
  const fastifyError = error as FastifyError;
  if (fastifyError.validation) {
    const fields: FieldError[] = fastifyError.validation.map((issue) => {
      const base = issue.instancePath.replace(/^\//, '').replaceAll('/', '.');
      const missing = (issue.params as { missingProperty?: string }).missingProperty;
      const field = missing ? (base ? `${base}.${missing}` : missing) : base || (fastifyError.validationContext ?? 'body');
      return { field, message: issue.message ?? 'is invalid' };
    });
    return AppError.validation(fields);
  }
  const mapped = fastifyError.code ? FASTIFY_CODES[fastifyError.code] : undefined;
  if (mapped) return new AppError(mapped, fastifyError.message, { cause: error });
  const status = fastifyError.statusCode ?? 500;
  if (status === 413) return new AppError('payload_too_large', fastifyError.message, { cause: error });
  if (status === 415) return new AppError('unsupported_media_type', fastifyError.message, { cause: error });
  if (status >= 400 && status < 500) return new AppError('invalid_json', fastifyError.message, { cause: error });
  return new AppError('internal_error', 'An unexpected error occurred.', { cause: error });
}

export function sendError(reply: FastifyReply, error: AppError): FastifyReply {
  const body: ErrorBody = { error: { code: error.code, message: error.message } };
  if (error.data !== undefined) body.error.data = error.data;
  if (error.headers) reply.headers(error.headers);
  return reply.status(error.statusCode).send(body);
}

export function registerErrorHandler(app: FastifyInstance): void {
  app.setErrorHandler((error: FastifyError, request: FastifyRequest, reply: FastifyReply) => {
    const appError = toAppError(error);
    if (appError.statusCode >= 500) request.log.error({ err: error, reqId: request.id, method: request.method, url: request.url }, 'request failed');
    return sendError(reply, appError);
  });
  app.setNotFoundHandler((request, reply) =>
    sendError(reply, new AppError('route_not_found', `No endpoint at ${request.method} ${request.url.split('?')[0]}.`)),
  );
}

import { isUtf8 } from 'node:buffer';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import secureJson from 'secure-json-parse';
import { AppError } from '../errors/index.ts';
import { exceedsDepth } from '../lib/json-depth.ts';

/** Deeper than any real event; shallow enough that nothing downstream overflows its stack. */
export const MAX_JSON_DEPTH = 64;

declare module 'fastify' {
  interface FastifyRequest {
    /** The body exactly as received (UTF-8 text), kept so a single event can be stored without re-serialising. */
    rawBody: string | undefined;
  }
}

/**
 * Parses JSON bodies for both `application/json` and `text/plain`: Segment's browser SDK sends
 * JSON as text/plain so that the browser skips a CORS preflight. Refuses non-UTF-8 bytes, prototype
 * poisoning keys and excessive nesting with their own codes, before any handler runs.
 */
export function registerJsonBodyParser(app: FastifyInstance): void {
  app.decorateRequest('rawBody', undefined);
  app.removeContentTypeParser(['application/json', 'text/plain']);
  app.addContentTypeParser(['application/json', 'text/plain'], { parseAs: 'buffer' }, jsonBodyParser);
  app.addContentTypeParser(/^application\/[\w.+-]*\+json$/, { parseAs: 'buffer' }, jsonBodyParser);
}

/** The JSON parser as a Fastify content-type parser, for scopes that read more types as JSON. */
export function jsonBodyParser(request: FastifyRequest, body: Buffer, done: (err: Error | null, value?: unknown) => void): void {
  try {
    done(null, parseJsonBody(request, body));
  } catch (error) {
    done(error as Error);
  }
}

function parseJsonBody(request: FastifyRequest, body: Buffer): unknown {
  if (body.length === 0) throw new AppError('invalid_json', 'The body is empty; send a JSON object.');
  if (!isUtf8(body)) throw new AppError('invalid_encoding', 'The body is not valid UTF-8.');
  const text = body.toString('utf8');
  let value: unknown;
  try {
    value = secureJson.parse(text, undefined, { protoAction: 'error', constructorAction: 'error' });
  } catch (error) {
    if (error instanceof SyntaxError && /prototype/i.test(error.message)) {
      throw new AppError('forbidden_property', 'The body contains a forbidden __proto__ or constructor.prototype key.');
    }
    throw new AppError('invalid_json', `The body is not valid JSON: ${(error as Error).message}`);
  }
  if (exceedsDepth(value, MAX_JSON_DEPTH)) {
    throw new AppError('too_deeply_nested', `The body nests deeper than ${MAX_JSON_DEPTH} levels.`);
  }
  request.rawBody = text;
  return value;
}

import { PassThrough } from 'node:stream';
import { createGunzip, createInflate } from 'node:zlib';
import type { FastifyInstance } from 'fastify';
import { AppError } from '../errors/index.ts';

/**
 * Accepts `Content-Encoding: gzip` and `deflate` request bodies, as Segment's API does (its Python,
 * Go and mobile SDKs can compress). Decompression happens in preParsing, before Fastify counts the
 * body against the route's bodyLimit, so the limit applies to the decompressed size and a zip
 * bomb is cut off at the limit with a 413.
 */
export function registerCompressedBodies(app: FastifyInstance): void {
  // A callback hook, not an async one: it runs on every request, and most bodies are not compressed.
  app.addHook('preParsing', (request, _reply, payload, done) => {
    const encoding = request.headers['content-encoding']?.trim().toLowerCase();
    if (!encoding || encoding === 'identity') {
      done(null, payload);
      return;
    }
    const decoder = encoding === 'gzip' || encoding === 'x-gzip' ? createGunzip() : encoding === 'deflate' ? createInflate() : undefined;
    if (!decoder) {
      done(new AppError('unsupported_media_type', `Content-Encoding "${encoding}" is not supported; use gzip, deflate or none.`));
      return;
    }
    // The compressed length says nothing about the body Fastify will count.
    delete request.headers['content-length'];
    const decoded = new PassThrough();
    payload.on('error', (error) => decoded.destroy(error));
    decoder.on('error', (error) =>
      decoded.destroy(new AppError('invalid_json', `The ${encoding} body could not be decompressed: ${error.message}`)),
    );
    payload.pipe(decoder).pipe(decoded);
    done(null, decoded);
  });
}

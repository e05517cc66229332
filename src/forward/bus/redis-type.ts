import { busClient, connectionUrlProblems } from './bus-client.ts';
import type { DestinationType } from '../destination-types/destination-type.ts';
import { RedisPublisher } from './redis-publisher.ts';

export interface RedisConfig {
  /** `redis://[user:password@]host:6379[/db]` or `rediss://…`; a secret (it may carry a password). */
  readonly url: string;
  readonly stream: string;
  /** Trim the stream to about this many entries (`XADD … MAXLEN ~ n`). */
  readonly maxlen?: number;
}

/** Redis Streams: see redis-publisher.ts for the entry's fields and the delivery guarantee. */
export const redisType: DestinationType<RedisConfig> = {
  id: 'redis',
  title: 'Redis Streams',
  description: 'Appends each event to a Redis stream (XADD), with an optional approximate MAXLEN.',
  transport: 'connection',
  configSchema: {
    type: 'object',
    additionalProperties: false,
    required: ['url', 'stream'],
    properties: {
      url: { type: 'string', title: 'URL', description: 'redis://user:password@host:6379/0', pattern: '^rediss?://', minLength: 9, maxLength: 2048, 'x-secret': true, writeOnly: true },
      stream: { type: 'string', title: 'Stream', minLength: 1, maxLength: 512 },
      maxlen: { type: 'integer', title: 'Max length (approximate)', minimum: 1, maximum: 1_000_000_000 },
    },
  },
  check: (config) => connectionUrlProblems(config.url, 'a redis:// or rediss://'),
  limits: { maxEvents: 100, maxBytes: 10_000_000, maxWaitMs: 0, rateLimit: null },
  open(config, context) {
    const publisher = new RedisPublisher({
      url: config.url,
      stream: config.stream,
      maxlen: config.maxlen,
      allowPrivate: context.allowPrivateTargets,
      timeoutMs: context.timeoutMs,
      name: `tributary-${context.destination.id}`,
    });
    return busClient(publisher);
  },
};

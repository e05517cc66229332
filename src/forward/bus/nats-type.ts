import { workspaceTopic } from '../../auth/index.ts';
import type { DestinationType } from '../destination-types/destination-type.ts';
import { busClient } from './bus-client.ts';
import { NatsPublisher } from './nats-publisher.ts';

export interface NatsConfig {
  /** `nats://host:4222` URLs (or `host:port`); the client fails over between them. */
  readonly servers: readonly string[];
  /** Defaults to the workspace's write-key `pubsub_topic`, `tributary.<workspace id>.events`. */
  readonly subject?: string;
  readonly user?: string;
  readonly password?: string;
  readonly token?: string;
}

/** A NATS subject: dot-separated tokens without spaces or wildcards (we publish, never subscribe). */
const SUBJECT = '^[^\\s.*>]+(\\.[^\\s.*>]+)*$';

/** NATS JetStream: see nats-publisher.ts for how a batch is published and acknowledged. */
export const natsType: DestinationType<NatsConfig> = {
  id: 'nats',
  title: 'NATS JetStream',
  description: 'Publishes each event to a JetStream subject, deduplicated by message id, done when the stream acknowledges it.',
  transport: 'connection',
  configSchema: {
    type: 'object',
    additionalProperties: false,
    required: ['servers'],
    properties: {
      servers: {
        type: 'array',
        title: 'Servers',
        description: 'nats://host:4222',
        minItems: 1,
        maxItems: 10,
        items: { type: 'string', minLength: 1, maxLength: 500, pattern: '^(nats|tls)://[^\\s/@]+(:\\d+)?/?$|^[^\\s/:@]+(:\\d+)?$' },
      },
      subject: { type: 'string', title: 'Subject', description: "Defaults to the write keys' pubsub_topic (tributary.<workspace id>.events).", minLength: 1, maxLength: 255, pattern: SUBJECT },
      user: { type: 'string', title: 'User', minLength: 1, maxLength: 255 },
      password: { type: 'string', title: 'Password', minLength: 1, maxLength: 500, 'x-secret': true, writeOnly: true },
      token: { type: 'string', title: 'Token', minLength: 1, maxLength: 500, 'x-secret': true, writeOnly: true },
    },
  },
  check(config) {
    if (config.password !== undefined && config.user === undefined) return [{ field: 'user', message: 'is required with a password' }];
    if (config.token !== undefined && config.user !== undefined) return [{ field: 'token', message: 'cannot be used with a user and password' }];
    return [];
  },
  limits: { maxEvents: 100, maxBytes: 1_000_000, maxWaitMs: 0, rateLimit: null },
  open(config, context) {
    const publisher = new NatsPublisher({
      servers: config.servers,
      subject: config.subject ?? workspaceTopic(context.destination.workspaceId),
      user: config.user,
      password: config.password,
      token: config.token,
      allowPrivate: context.allowPrivateTargets,
      timeoutMs: context.timeoutMs,
      name: `tributary-${context.destination.id}`,
    });
    return busClient(publisher);
  },
};

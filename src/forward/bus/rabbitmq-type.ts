import { busClient, connectionUrlProblems } from './bus-client.ts';
import type { DestinationType } from '../destination-types/destination-type.ts';
import { RabbitMqPublisher } from './rabbitmq-publisher.ts';

export interface RabbitMqConfig {
  /** `amqp://user:password@host:5672/vhost` or `amqps://…`; a secret (it carries the password). */
  readonly url: string;
  /** An existing exchange; `""` is the default exchange (the routing key names a queue). */
  readonly exchange: string;
  readonly routing_key?: string;
}

/** RabbitMQ: see rabbitmq-publisher.ts for confirms, persistence and what is final. */
export const rabbitMqType: DestinationType<RabbitMqConfig> = {
  id: 'rabbitmq',
  title: 'RabbitMQ',
  description: 'Publishes each event as a persistent message to an exchange, done when the broker confirms it.',
  transport: 'connection',
  configSchema: {
    type: 'object',
    additionalProperties: false,
    required: ['url', 'exchange'],
    properties: {
      url: { type: 'string', title: 'URL', description: 'amqp://user:password@host:5672/vhost', pattern: '^amqps?://', minLength: 8, maxLength: 2048, 'x-secret': true, writeOnly: true },
      exchange: { type: 'string', title: 'Exchange', description: 'An existing exchange ("" is the default exchange).', maxLength: 255, pattern: '^[A-Za-z0-9_.:-]*$' },
      routing_key: { type: 'string', title: 'Routing key', maxLength: 255, default: '' },
    },
  },
  check: (config) => connectionUrlProblems(config.url, 'an amqp:// or amqps://'),
  limits: { maxEvents: 100, maxBytes: 10_000_000, maxWaitMs: 0, rateLimit: null },
  open(config, context) {
    const publisher = new RabbitMqPublisher({
      url: config.url,
      exchange: config.exchange,
      routingKey: config.routing_key ?? '',
      allowPrivate: context.allowPrivateTargets,
      timeoutMs: context.timeoutMs,
      name: `tributary-${context.destination.id}`,
    });
    return busClient(publisher);
  },
};

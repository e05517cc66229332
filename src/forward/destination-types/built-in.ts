import type { DestinationType } from './destination-type.ts';
import { DestinationTypeRegistry } from './registry.ts';
import { amplitudeType } from './amplitude.ts';
import { ga4Type } from './ga4.ts';
import { mixpanelType } from './mixpanel.ts';
import { posthogType } from './posthog.ts';
import { segmentType } from './segment.ts';
import { slackType } from './slack.ts';
import { webhookType } from './webhook.ts';
import { natsType } from '../bus/nats-type.ts';
import { rabbitMqType } from '../bus/rabbitmq-type.ts';
import { redisType } from '../bus/redis-type.ts';
import { postgresWarehouseType } from '../warehouse/postgres-type.ts';

/** The types every process knows, in catalogue order. Plugins add theirs to the registry. */
export const BUILT_IN_DESTINATION_TYPES: readonly DestinationType<any>[] = [
  webhookType,
  segmentType,
  amplitudeType,
  mixpanelType,
  posthogType,
  ga4Type,
  slackType,
  postgresWarehouseType,
  natsType,
  rabbitMqType,
  redisType,
];

/** A registry holding the built-in types. */
export function createDestinationTypeRegistry(): DestinationTypeRegistry {
  const registry = new DestinationTypeRegistry();
  for (const type of BUILT_IN_DESTINATION_TYPES) registry.add(type);
  return registry;
}

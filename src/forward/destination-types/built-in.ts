import type { DestinationType } from './destination-type.ts';
import { DestinationTypeRegistry } from './registry.ts';
import { webhookType } from './webhook.ts';

/** The types every process knows, in catalogue order. Plugins add theirs to the registry. */
export const BUILT_IN_DESTINATION_TYPES: readonly DestinationType<any>[] = [webhookType];

/** A registry holding the built-in types. */
export function createDestinationTypeRegistry(): DestinationTypeRegistry {
  const registry = new DestinationTypeRegistry();
  for (const type of BUILT_IN_DESTINATION_TYPES) registry.add(type);
  return registry;
}

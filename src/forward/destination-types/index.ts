export type {
  ConfigSchema,
  DestinationClient,
  DestinationLimits,
  DestinationType,
  HttpAnswer,
  HttpPoster,
  OpenContext,
  OutgoingBatch,
  SendOutcome,
} from './destination-type.ts';
export { DestinationTypeRegistry } from './registry.ts';
export { BUILT_IN_DESTINATION_TYPES, createDestinationTypeRegistry } from './built-in.ts';
export { readCanonicalEvent, eventTimeMs, sampleEvent, type CanonicalEvent } from './canonical-event.ts';
export { classifyHttpAnswer, sendAll, type HttpRequestSpec } from './http-answer.ts';
export { httpDestinationType, type HttpTypeDefinition } from './http-type.ts';
export { loadDestinationPlugins, type DestinationPlugin, type DestinationPluginApi } from './plugins.ts';

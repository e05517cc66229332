export { AttributionEngine, type AttributionPlugin, type AttributionPluginApi, type InboundDomainEvent } from './engine.ts';
export { attributionStage, readSettings, registerAttributionIngest, type AttributionIngestDeps, type AttributionSettings } from './ingest/index.ts';
export { DomainBus, Dispatcher, type DomainEventMap, type DomainEventName, type DomainListener, type ListenerContext } from './bus/index.ts';
export type { EventFactory } from './factories/event-factory.ts';
export type { FactoryRegistry } from './factories/registry.ts';
export { ok, refused, type FlowContext, type FlowResult } from './flows/flow-context.ts';
export { recordSale, type Sale } from './flows/sale.ts';
export { toSale } from './factories/commerce-factories.ts';
export { customEventFactory } from './factories/checkout-factories.ts';

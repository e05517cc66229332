export { DomainBus, Dispatcher, type DomainListener, type ListenerContext, type SystemListener } from './domain-bus.ts';
export {
  MUTABLE_EVENTS,
  type DomainEventMap,
  type DomainEventName,
  type InvalidationReason,
  type ListenerPayload,
  type MutableEventName,
  type SaleLine,
  type SystemEventMap,
} from './domain-event-map.ts';

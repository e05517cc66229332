export { registerForwardRoutes } from './forward-routes.ts';
export { ForwardServices } from './forward-services.ts';
export { createForwardingStage } from './forwarding-stage.ts';
export { createDestination, deleteDestination } from './destinations.ts';
export { DeliveryWorker, type DeliveryWorkerOptions } from './delivery-worker.ts';
export { checkDestinationUrl, checkUrlShape, refusalForAddress, UrlRefused } from './ssrf-guard.ts';
export { generateSigningSecret, signatureHeaders } from './webhook-signature.ts';
export type { DeliveryStatus, DestinationRow, ForwardingRuleRow, DeliveryRow, DeliveryTable, SignatureScheme } from './tables.ts';
export { queueDeliveries, type NewDelivery } from './outbox-insert.ts';

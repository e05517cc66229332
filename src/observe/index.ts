export { eventVolumeStage, readEventVolume, type VolumeBucket } from './event-volume.ts';
export { registerEventRoutes } from './event-routes.ts';
export { listEvents, getEvent } from './event-reader.ts';
export { toIncomingResource } from './resources.ts';
export { LiveHub } from './live-hub.ts';
export { registerLiveRoutes } from './live-routes.ts';
export { LiveSubscriber, type LiveFilter, type LiveMessage } from './live-subscriber.ts';

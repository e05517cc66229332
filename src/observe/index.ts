export { eventVolumeStage, readEventVolume, type VolumeBucket } from './event-volume.ts';
export { registerEventRoutes } from './event-routes.ts';
export { listEvents, getEvent } from './event-reader.ts';
export { toEventResource, toIncomingResource } from './resources.ts';

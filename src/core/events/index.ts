export * from './event.types.js';
export * from './event-catalog.js';
export * from './event-filter.js';
export * from './outbox.port.js';
export * from './outbox.js';
export * from './event-hub.js';
export * from './event-stream.js';
export * from './event.service.js';

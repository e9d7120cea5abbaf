export { EventBus, type PlatformEvent } from './bus.js';

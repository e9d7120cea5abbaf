export { createHttpApp, type AppOptions } from './app.js';
export { auditContext, auditedWriter, type Actor, type ActorResolver } from './actor.js';
export { requireActor, requirePermission, actorOf } from './guards.js';
export { registerHealth } from './health.js';
export { publicLink, publicOrigin } from './public-url.js';
export { registerMetrics } from './metrics.js';
export { errorBody, type ErrorBody } from './error-handler.js';
export {
  CLOSE_FORBIDDEN_ORIGIN,
  CLOSE_NOT_FOUND,
  CLOSE_TOO_MANY,
  CLOSE_UNAUTHENTICATED,
  keepAlive,
  originAllowed,
  PING_INTERVAL_MS,
  SOCKET_OPEN,
  type WsSocket,
} from './websocket.js';

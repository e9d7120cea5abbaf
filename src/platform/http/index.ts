export { createHttpApp, type AppOptions } from './app.js';
export { auditContext, auditedWriter, type Actor, type ActorResolver } from './actor.js';
export { requireActor, requirePermission, actorOf } from './guards.js';
export { registerHealth } from './health.js';
export { registerMetrics } from './metrics.js';
export { errorBody, type ErrorBody } from './error-handler.js';

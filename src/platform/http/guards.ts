import type { FastifyRequest } from 'fastify';
import { AppError, PlatformErrors } from '../errors/index.js';
import type { Actor } from './actor.js';

/** onRequest guard: the route needs a signed-in person (checked before the body is even parsed). */
export async function requireActor(request: FastifyRequest): Promise<void> {
  if (!request.actor) throw new AppError(PlatformErrors.UNAUTHENTICATED);
}

/** onRequest guard factory: the route needs a signed-in person holding `permission`. */
export function requirePermission(permission: string) {
  return async (request: FastifyRequest): Promise<void> => {
    if (!request.actor) throw new AppError(PlatformErrors.UNAUTHENTICATED);
    if (!request.actor.permissions.has(permission))
      throw new AppError(PlatformErrors.FORBIDDEN, { permission });
  };
}

/** For services: the actor, known to be present because a guard ran. */
export function actorOf(request: FastifyRequest): Actor {
  if (!request.actor) throw new AppError(PlatformErrors.UNAUTHENTICATED);
  return request.actor;
}

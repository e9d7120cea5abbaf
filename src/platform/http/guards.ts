import type { FastifyRequest } from 'fastify';
import { AppError, PlatformErrors } from '../errors/index.js';
import type { Actor } from './actor.js';

declare module 'fastify' {
  interface FastifyContextConfig {
    /** The route settles a pending second factor (enrol or verify), so a half-signed-in actor may call it. */
    allowPendingMfa?: boolean;
  }
}

/** A signed-in actor who has also given the second factor their account needs (or may owe one here). */
function signedIn(request: FastifyRequest): Actor {
  const actor = request.actor;
  if (!actor) throw new AppError(PlatformErrors.UNAUTHENTICATED);
  if (actor.pending && !request.routeOptions.config.allowPendingMfa)
    throw new AppError(
      actor.pending === 'enrol' ? PlatformErrors.MFA_ENROLMENT_REQUIRED : PlatformErrors.MFA_REQUIRED,
    );
  return actor;
}

/** onRequest guard: the route needs a signed-in person (checked before the body is even parsed). */
export async function requireActor(request: FastifyRequest): Promise<void> {
  signedIn(request);
}

/** onRequest guard factory: the route needs a signed-in person holding `permission`. */
export function requirePermission(permission: string) {
  return async (request: FastifyRequest): Promise<void> => {
    if (!signedIn(request).permissions.has(permission))
      throw new AppError(PlatformErrors.FORBIDDEN, { permission });
  };
}

/** For services: the actor, known to be present because a guard ran. */
export function actorOf(request: FastifyRequest): Actor {
  if (!request.actor) throw new AppError(PlatformErrors.UNAUTHENTICATED);
  return request.actor;
}

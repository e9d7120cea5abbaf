import type { FastifyRequest } from 'fastify';
import type { Config } from '../config/index.js';

/**
 * The address people use, as this request sees it: PUBLIC_URL when set (behind a proxy it is the only
 * trustworthy answer), else the scheme and host the browser used. No trailing slash.
 */
export function publicOrigin(config: Pick<Config, 'PUBLIC_URL'>, request: FastifyRequest): string {
  return (config.PUBLIC_URL ?? `${request.protocol}://${request.host}`).replace(/\/+$/, '');
}

/**
 * A link into the web app for a message (e-mail, SMS); null without PUBLIC_URL, since a job sending it has no
 * request to learn the address from.
 */
export function publicLink(config: Pick<Config, 'PUBLIC_URL'>, path: string): string | null {
  return config.PUBLIC_URL ? new URL(path, config.PUBLIC_URL).toString() : null;
}

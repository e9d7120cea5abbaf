import type { IncomingMessage, ServerResponse } from 'node:http';
import helmet, { type HelmetOptions } from 'helmet';

/**
 * Security headers computed once at start-up. Running helmet's middleware per request re-parses its
 * whole configuration each time and cost ~40% of a cheap route (bench/); the headers never vary by request.
 */
export function securityHeaders(options: HelmetOptions): Record<string, string> {
  const headers: Record<string, string> = {};
  const res = {
    setHeader: (name: string, value: unknown) => {
      headers[name.toLowerCase()] = String(value);
    },
    removeHeader: (name: string) => {
      delete headers[name.toLowerCase()];
    },
  };
  helmet(options)({} as IncomingMessage, res as unknown as ServerResponse, () => undefined);
  return headers;
}

export const CPDT_HELMET_OPTIONS: HelmetOptions = {
  contentSecurityPolicy: {
    directives: {
      defaultSrc: ["'self'"],
      scriptSrc: ["'self'"],
      styleSrc: ["'self'", "'unsafe-inline'"],
      imgSrc: ["'self'", 'data:', 'blob:'],
      // The local signing agent (docs/signing-agent.md) listens on loopback.
      connectSrc: ["'self'", 'ws:', 'wss:', 'http://127.0.0.1:*', 'http://localhost:*'],
      frameAncestors: ["'none'"],
      upgradeInsecureRequests: null, // a laptop install serves plain http on localhost
    },
  },
  // The API docs page loads its own bootstrap script; @fastify/swagger-ui sets its CSP on those routes.
  crossOriginEmbedderPolicy: false,
};

import crypto from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import Fastify, { type FastifyInstance } from 'fastify';
import cookie from '@fastify/cookie';
import fastifyStatic from '@fastify/static';
import rateLimit from '@fastify/rate-limit';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import {
  jsonSchemaTransform,
  serializerCompiler,
  validatorCompiler,
  type ZodTypeProvider,
} from 'fastify-type-provider-zod';
import type { Config } from '../config/index.js';
import { AppError, PlatformErrors } from '../errors/index.js';
import { pickLocale } from '../i18n/index.js';
import type { ActorResolver } from './actor.js';
import { errorBody, errorHandler } from './error-handler.js';
import { CPDT_HELMET_OPTIONS, securityHeaders } from './security-headers.js';

export type App = FastifyInstance;
export type ZodApp = ReturnType<FastifyInstance['withTypeProvider']> & FastifyInstance;

const REQUEST_ID = /^[A-Za-z0-9._-]{8,64}$/;

export interface AppOptions {
  config: Config;
  resolveActor?: ActorResolver;
  logger?: boolean | object;
  /** Folder of the built single-page app to serve at `/` (production). */
  webRoot?: string | undefined;
}

/**
 * The bare HTTP platform: ids, logs, locale, actor, security headers, rate limits, errors, OpenAPI.
 * Modules add their routes as plugins; every route's zod schema is its validation, types and API doc.
 */
export async function createHttpApp(opts: AppOptions): Promise<FastifyInstance> {
  const { config } = opts;
  const app = Fastify({
    logger: opts.logger ?? {
      level: config.LOG_LEVEL,
      redact: ['req.headers.authorization', 'req.headers.cookie', 'res.headers["set-cookie"]'],
    },
    trustProxy: config.TRUST_PROXY,
    bodyLimit: 1024 * 1024,
    // Honour a caller's request id only when it is safe to log and echo.
    genReqId: (req: IncomingMessage) => {
      const incoming = req.headers['x-request-id'];
      return typeof incoming === 'string' && REQUEST_ID.test(incoming) ? incoming : crypto.randomUUID();
    },
    requestIdHeader: false,
    forceCloseConnections: 'idle',
    return503OnClosing: true,
  }).withTypeProvider<ZodTypeProvider>();

  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  app.decorateRequest('actor', null);
  app.decorateRequest('locale', 'vi');

  await app.register(cookie); // before the locale hook, which reads the cpdt_lang cookie
  // One hook for what every request needs (each hook has a per-request cost): its id echoed, security
  // headers, the reader's language, and — for the API — who is calling, before any guard or rate limit.
  const security = { ...securityHeaders(CPDT_HELMET_OPTIONS) };
  const resolveActor = opts.resolveActor;
  // Callback style: hot routes pay no promise when there is nothing to await.
  app.addHook('onRequest', (request, reply, done) => {
    void reply.headers(security).header('x-request-id', request.id);
    request.locale = pickLocale(request.headers['accept-language'], request.cookies?.['cpdt_lang']);
    if (!resolveActor || !request.url.startsWith('/api/')) return done();
    resolveActor(request).then((actor) => {
      request.actor = actor;
      done();
    }, done);
  });
  await app.register(rateLimit, {
    max: config.RATE_LIMIT_MAX,
    timeWindow: config.RATE_LIMIT_WINDOW_MS,
    // After the actor is known and authorised (onRequest), before validation: auth → rate limit → validate.
    hook: 'preValidation',
    keyGenerator: (request) => request.actor?.personId ?? request.ip,
    errorResponseBuilder: (_request, context) => {
      const err = new AppError(PlatformErrors.RATE_LIMITED, { retryAfterMs: context.ttl }) as AppError & {
        statusCode: number;
      };
      err.statusCode = 429;
      return err;
    },
  });

  await app.register(swagger, {
    openapi: {
      openapi: '3.1.0',
      info: {
        title: 'CPĐT API',
        description: 'Nền tảng Chính phủ điện tử CPĐT — e-Government platform API',
        version: '0.1.0',
      },
      components: {
        securitySchemes: {
          session: { type: 'apiKey', in: 'cookie', name: 'cpdt_session' },
          bearer: { type: 'http', scheme: 'bearer' },
        },
      },
    },
    transform: jsonSchemaTransform,
  });
  await app.register(swaggerUi, { routePrefix: '/api/docs', staticCSP: true });
  app.get('/api/openapi.json', { schema: { hide: true } }, async () => app.swagger());

  // During a graceful stop, answers to requests in flight close their keep-alive connection, so the
  // server stops as soon as they are done instead of waiting out the clients' idle connections.
  let closing = false;
  app.addHook('preClose', async () => {
    closing = true;
  });
  app.addHook('onSend', (_request, reply, payload, done) => {
    if (closing) void reply.header('connection', 'close');
    done(null, payload);
  });

  app.setErrorHandler(errorHandler);
  if (opts.webRoot)
    await app.register(fastifyStatic, { root: opts.webRoot, wildcard: false, index: ['index.html'] });
  // Unknown API paths get a coded 404; any other GET is a client-side route of the web app.
  app.setNotFoundHandler((request, reply) => {
    if (
      opts.webRoot &&
      request.method === 'GET' &&
      !request.url.startsWith('/api/') &&
      request.url !== '/metrics'
    )
      return reply.type('text/html').sendFile('index.html');
    return reply.status(404).send(errorBody(request, new AppError(PlatformErrors.NOT_FOUND)));
  });
  return app;
}

import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';
import { AppError, PlatformErrors, errorSpec } from '../errors/index.js';

export interface ErrorBody {
  error: {
    code: string;
    message: string;
    messages: { vi: string; en: string };
    requestId: string;
    details?: Record<string, unknown>;
  };
}

/** Maps framework errors onto our codes, so every failure a client sees has one. */
function toAppError(error: FastifyError | Error): AppError {
  if (error instanceof AppError) return error;
  if (hasZodFastifySchemaValidationErrors(error)) {
    return new AppError(PlatformErrors.VALIDATION_FAILED, {
      issues: error.validation.map((v) => ({
        path: v.instancePath || '/',
        message: v.message,
        context: (error as FastifyError).validationContext,
      })),
    });
  }
  const fe = error as FastifyError;
  switch (fe.code) {
    case 'FST_ERR_CTP_BODY_TOO_LARGE':
    case 'FST_REQ_FILE_TOO_LARGE':
      return new AppError(PlatformErrors.PAYLOAD_TOO_LARGE);
    case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
      return new AppError(PlatformErrors.UNSUPPORTED_MEDIA_TYPE);
    default:
      break;
  }
  if (fe.statusCode === 429) return new AppError(PlatformErrors.RATE_LIMITED);
  if (fe.statusCode === 503) return new AppError(PlatformErrors.SERVICE_UNAVAILABLE);
  if (fe.statusCode && fe.statusCode >= 400 && fe.statusCode < 500)
    return new AppError(PlatformErrors.VALIDATION_FAILED, { reason: fe.message });
  return new AppError(PlatformErrors.INTERNAL, undefined, { cause: error });
}

export function errorBody(request: FastifyRequest, e: AppError): ErrorBody {
  const spec = errorSpec(e.code)!;
  return {
    error: {
      code: e.code,
      message: request.locale === 'en' ? spec.en : spec.vi,
      messages: { vi: spec.vi, en: spec.en },
      requestId: request.id,
      ...(e.details ? { details: e.details } : {}),
    },
  };
}

export function errorHandler(error: FastifyError | Error, request: FastifyRequest, reply: FastifyReply) {
  const e = toAppError(error);
  if (e.status >= 500) request.log.error({ err: error }, 'request failed');
  const headers = (error as FastifyError & { headers?: Record<string, string> }).headers;
  if (headers) void reply.headers(headers);
  return reply.status(e.status).send(errorBody(request, e));
}

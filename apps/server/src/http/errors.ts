import type { ErrorCode } from '@igny8/contracts';
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { hasZodFastifySchemaValidationErrors, isResponseSerializationError } from 'fastify-type-provider-zod';
import { callerFaultOf } from '../db/errors';
import { invalidTextIn } from './text';

/** An error the client is meant to see: HTTP status + machine code + human message. */
export class AppError extends Error {
  constructor(
    readonly statusCode: number,
    readonly code: ErrorCode,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
  }
}

export const notFound = (what = 'Resource') => new AppError(404, 'not_found', `${what} not found`);
export const conflict = (code: ErrorCode, message: string) => new AppError(409, code, message);

const fastifyCodes: Record<string, { status: number; code: ErrorCode; message: string }> = {
  FST_ERR_CTP_INVALID_JSON_BODY: { status: 400, code: 'invalid_json', message: 'Request body is not valid JSON' },
  FST_ERR_CTP_EMPTY_JSON_BODY: { status: 400, code: 'invalid_json', message: 'Request body is empty' },
  FST_ERR_CTP_BODY_TOO_LARGE: { status: 413, code: 'payload_too_large', message: 'Request body is too large' },
  FST_ERR_CTP_INVALID_MEDIA_TYPE: {
    status: 415,
    code: 'unsupported_media_type',
    message: 'Unsupported content type',
  },
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: { status: 400, code: 'invalid_json', message: 'Invalid content length' },
};

/** One error shape everywhere; never a stack trace to the client. */
export function registerErrorHandling(app: FastifyInstance): void {
  // Text the database cannot store is refused before validation, for every route (see text.ts).
  app.addHook('preValidation', async (req) => {
    const bad = invalidTextIn(req);
    if (bad)
      throw new AppError(400, 'invalid_text', `${bad.path}: ${bad.reason}`, [{ path: bad.path, message: bad.reason }]);
  });

  app.setErrorHandler((err: FastifyError, req, reply) => {
    if (err instanceof AppError) {
      return reply
        .status(err.statusCode)
        .send({ error: { code: err.code, message: err.message, details: err.details } });
    }
    if (hasZodFastifySchemaValidationErrors(err)) {
      const details = err.validation.map((v) => ({
        path: [err.validationContext, ...String(v.instancePath).split('/').filter(Boolean)].join('.'),
        message: v.message ?? 'invalid',
      }));
      const first = details[0];
      return reply.status(400).send({
        error: {
          code: 'validation_failed',
          message: first ? `${first.path}: ${first.message}` : 'Invalid request',
          details,
        },
      });
    }
    const known = err.code ? fastifyCodes[err.code] : undefined;
    if (known) {
      return reply.status(known.status).send({ error: { code: known.code, message: known.message } });
    }
    if (err.statusCode === 429) {
      return reply.status(429).send({ error: { code: 'rate_limited', message: err.message } });
    }
    // The net under validation: a database refusal the input caused is the caller's 4xx, logged so the gap gets a schema.
    const fault = callerFaultOf(err);
    if (fault) {
      req.log.warn({ err, sqlState: fault.sqlState }, 'database refused the input: validation let it through');
      const [code, message] =
        fault.kind === 'text'
          ? (['invalid_text', 'The text contains characters that cannot be stored'] as const)
          : fault.kind === 'conflict'
            ? (['conflict', 'The change conflicts with existing data'] as const)
            : (['validation_failed', 'A value is out of range or not of the expected form'] as const);
      return reply.status(fault.status).send({ error: { code, message } });
    }
    if (isResponseSerializationError(err)) {
      req.log.error({ err, cause: err.cause }, 'response did not match its schema');
    } else if (err.statusCode && err.statusCode >= 400 && err.statusCode < 500) {
      return reply.status(err.statusCode).send({
        error: { code: err.statusCode === 404 ? 'not_found' : 'validation_failed', message: err.message },
      });
    } else {
      req.log.error({ err }, 'unhandled error');
    }
    return reply.status(500).send({ error: { code: 'internal', message: 'Internal error' } });
  });

  app.setNotFoundHandler((req, reply) => {
    reply
      .status(404)
      .send({ error: { code: 'not_found', message: `No route ${req.method} ${req.url.split('?')[0]}` } });
  });
}

/**
 * Router-level refusals (a path param over maxParamLength, a malformed percent-escape) happen before
 * any route or error handler; Fastify's `frameworkErrors` option hands them here for the same shape.
 */
export function frameworkErrors(err: FastifyError, req: FastifyRequest, reply: FastifyReply): void {
  if (err.code === 'FST_ERR_MAX_PARAM_LENGTH' || err.code === 'FST_ERR_BAD_URL') {
    const message = err.code === 'FST_ERR_MAX_PARAM_LENGTH' ? 'A path parameter is too long' : 'The URL is not valid';
    reply.status(400).send({ error: { code: 'validation_failed' satisfies ErrorCode, message } });
    return;
  }
  req.log.error({ err }, 'router error');
  reply.status(500).send({ error: { code: 'internal' satisfies ErrorCode, message: 'Internal error' } });
}

import type { Context } from 'hono';
import { HTTPException } from 'hono/http-exception';
import { DomainError, PayloadTooLargeError, ServiceUnavailableError, ValidationError } from '../errors.ts';
import type { Logger } from '../lib/logger.ts';

// Connection-level failures of PostgreSQL or the socket: the request fails with 503, the process lives on.
const UNAVAILABLE_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'EPIPE',
  'ETIMEDOUT',
  '57P01', // admin_shutdown (backend terminated)
  '57P02',
  '57P03', // cannot_connect_now
  '08000',
  '08001',
  '08003',
  '08004',
  '08006',
  '53300', // too_many_connections
  '40001', // serialization_failure that exhausted its retries
  '40P01',
  '57014', // statement timeout
]);

function isUnavailable(error: unknown): boolean {
  const e = error as { code?: string; message?: string } | null;
  if (!e) return false;
  if (e.code && UNAVAILABLE_CODES.has(e.code)) return true;
  return /Connection terminated|connection is closed|Client has encountered a connection error/i.test(
    e.message ?? '',
  );
}

export function problemJson(c: Context, error: DomainError) {
  const body = {
    type: error.type,
    title: error.title,
    status: error.status,
    detail: error.message,
    instance: c.req.path,
    requestId: c.get('requestId') ?? null,
    ...error.extra,
  };
  return c.body(JSON.stringify(body), error.status as 400, { 'content-type': 'application/problem+json' });
}

/** The one error mapping of the app: domain errors as they are, everything else without internals. */
export function createErrorHandler(logger: Logger) {
  return (error: Error, c: Context) => {
    if (error instanceof DomainError) return problemJson(c, error);
    if (error instanceof HTTPException) {
      if (error.status === 413) return problemJson(c, new PayloadTooLargeError(0));
      if (error.status === 401) return problemJson(c, new DomainError(401, 'Unauthorized', error.message));
      if (error.status === 400 && /malformed JSON/i.test(error.message)) {
        return problemJson(c, new ValidationError([{ path: '/', message: 'the body is not valid JSON' }]));
      }
      return problemJson(c, new DomainError(error.status, 'HTTP Error', error.message || 'request failed'));
    }
    if (isUnavailable(error)) {
      logger.warn('database unavailable', {
        requestId: c.get('requestId'),
        code: (error as { code?: string }).code,
      });
      return problemJson(c, new ServiceUnavailableError());
    }
    logger.error('unhandled error', {
      requestId: c.get('requestId'),
      name: error.name,
      message: error.message,
      code: (error as { code?: string }).code,
    });
    return problemJson(
      c,
      new DomainError(
        500,
        'Internal Server Error',
        'the request failed; quote the requestId when reporting it',
      ),
    );
  };
}

import type { Context } from 'hono';
import { HTTPException } from 'hono/http-exception';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import type { Logger } from 'pino';

/** Every error leaves the API in one shape: `{ "error": { "status", "message" } }`. */
export function errorBody(status: number, message: string) {
  return { error: { status, message } };
}

export function httpError(status: ContentfulStatusCode, message: string): HTTPException {
  return new HTTPException(status, { res: Response.json(errorBody(status, message), { status }) });
}

export function onError(logger: Logger) {
  return (error: Error, c: Context) => {
    if (error instanceof HTTPException) return error.getResponse();
    logger.error({ err: error.message, path: c.req.path }, 'request failed');
    return c.json(errorBody(500, 'internal error'), 500);
  };
}

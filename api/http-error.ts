import type { Context } from 'hono';
import { HTTPException } from 'hono/http-exception';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import type { Logger } from 'pino';
import { idSchema } from '../protocol/index.ts';

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

/** Validates an id from the path, so nothing malformed goes further than this. */
export function pathId(value: string | undefined, name: string): string {
  const result = idSchema.safeParse(value);
  if (!result.success) throw httpError(400, `${name}: must match [a-z0-9][a-z0-9-]{0,63}`);
  return result.data;
}

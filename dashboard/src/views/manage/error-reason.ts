// What went wrong, in the API's own words when it gave a reason (a 4xx names the field at fault).
import { ApiError } from '../../api-client.ts';

/** @example errorReason(new ApiError('/api/x', 400, 'count: too small')) // 'count: too small' */
export function errorReason(error: unknown): string {
  if (error instanceof ApiError) return error.reason ?? error.message;
  return error instanceof Error ? error.message : String(error);
}

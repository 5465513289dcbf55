import { z } from 'zod';

/** Every site, floor, zone, desk, door and device id: lower-case, topic-safe, never a wildcard. */
export const ID_PATTERN = /^[a-z0-9][a-z0-9-]{0,63}$/;

export const idSchema = z
  .string()
  .regex(ID_PATTERN, 'must match [a-z0-9][a-z0-9-]{0,63} (lower-case letters, digits and dashes)');

export type Id = z.infer<typeof idSchema>;

export function isId(value: string): boolean {
  return ID_PATTERN.test(value);
}

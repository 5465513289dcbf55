import { z } from 'zod';

/** 2000-01-01: a timestamp below it is almost always seconds sent where milliseconds were meant. */
export const MIN_TS = 946_684_800_000;
const whole = 'must be a whole number';

export const timestampSchema = z
  .number()
  .int(whole)
  .min(MIN_TS, 'must be epoch milliseconds (this looks like seconds, or is before 2000)');

export const seqSchema = z.number().int(whole).nonnegative();

export const deskStatePayloadSchema = z.object({
  occupied: z.boolean(),
  ts: timestampSchema.optional(),
  seq: seqSchema.optional(),
});

export const doorCountPayloadSchema = z.object({
  in: z.number().int(whole).nonnegative(),
  out: z.number().int(whole).nonnegative(),
  ts: timestampSchema.optional(),
  seq: seqSchema.optional(),
});

export const deviceStatusPayloadSchema = z.object({
  online: z.boolean(),
  battery: z.number().min(0).max(100).optional(),
  rssi: z.number().int(whole).min(-150).max(0).optional(),
  fw: z.string().max(64).optional(),
  ts: timestampSchema.optional(),
});

export type DeskStatePayload = z.infer<typeof deskStatePayloadSchema>;
export type DoorCountPayload = z.infer<typeof doorCountPayloadSchema>;
export type DeviceStatusPayload = z.infer<typeof deviceStatusPayloadSchema>;

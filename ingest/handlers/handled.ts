/** What a handler makes of a valid message: a record to store, or a reason to set it aside. */
export type Handled<R> = { ok: true; record: R } | { ok: false; reason: string };

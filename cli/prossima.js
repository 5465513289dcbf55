#!/usr/bin/env -S node --max-semi-space-size=32
// The `prossima` executable: Prossima runs its TypeScript directly through tsx, so there is no build
// step between a fresh clone and a running system.
// The flag doubles V8's young generation: at full rate ingest and the broker allocate several
// short-lived objects per message, and with the default size a batch's records outlive several
// collections and are copied each time; it cut ingest's GC from 4.4–4.9 to 2.5–3.0 µs per event
// (docs/ingest.md).
import { register } from 'tsx/esm/api';

register();
await import('./main.ts');

#!/usr/bin/env node
// The `prossima` executable: Prossima runs its TypeScript directly through tsx, so there is no build
// step between a fresh clone and a running system.
import { register } from 'tsx/esm/api';

register();
await import('./main.ts');

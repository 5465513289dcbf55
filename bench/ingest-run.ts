// The ingest benchmark alone (bench/ingest-e2e.ts), without the rest of `npm run bench`:
// node --max-semi-space-size=32 --import tsx bench/ingest-run.ts (the flag `prossima` runs with)
import { benchIngest } from './ingest-e2e.ts';

await benchIngest();

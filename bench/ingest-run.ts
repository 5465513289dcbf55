// The ingest benchmark alone (bench/ingest-e2e.ts), without the rest of `npm run bench`:
// node --max-semi-space-size=32 --expose-gc --import tsx bench/ingest-run.ts
// (the young generation `prossima` runs with; `--expose-gc` lets it clear its own leftovers).
import { benchIngest } from './ingest-e2e.ts';

await benchIngest();

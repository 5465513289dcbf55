// The ingest benchmark alone (bench/ingest-e2e.ts), without the rest of `npm run bench`:
// node --import tsx bench/ingest-run.ts
import { benchIngest } from './ingest-e2e.ts';

await benchIngest();

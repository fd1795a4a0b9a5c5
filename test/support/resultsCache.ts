/** Helpers for the tests of `check --cache-dir` (test/cli/resultsCache.test.ts, warm.test.ts). */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/** Rewrites every cached message, so that a reused result is told from a fresh one. */
export function markCached(cacheDir: string): void {
  const path = join(cacheDir, 'results.json');
  const data = JSON.parse(readFileSync(path, 'utf8')) as { messages: string[] };
  data.messages = data.messages.map(() => 'FROM THE CACHE');
  writeFileSync(path, JSON.stringify(data));
}

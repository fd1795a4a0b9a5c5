/** `--cache-dir` for `check`: the results cache and what each run records for it (resultsCache.ts). */
import { readFileSync, statSync } from 'node:fs';
import { resolve } from 'node:path';
import { ResultsCache, RunRecord, type ResultsStore } from './resultsCache';

export interface FileCache {
  results: ResultsStore;
  record: RunRecord;
}

function contentOf(path: string): string {
  try {
    return readFileSync(resolve(path), 'utf8');
  } catch {
    return '';
  }
}

/** The build itself (a rebuilt bundle with the same version number is another tool). */
function buildSignature(): string {
  try {
    const st = statSync(process.argv[1] ?? '');
    return `${st.size}:${st.mtimeMs}`;
  } catch {
    return '';
  }
}

/**
 * Opens DIR/results.json. Every entry depends on `inputs` (the version, the settings) and on the
 * text of the profile and template files they name.
 */
export async function openResults(dir: string, inputs: { version: string; profiles: string[]; template: string | undefined; [k: string]: unknown }, err: (s: string) => void): Promise<FileCache> {
  const salt = { ...inputs, build: buildSignature(), profileTexts: inputs.profiles.map(contentOf), templateText: inputs.template !== undefined ? contentOf(inputs.template) : undefined, cwd: process.cwd() };
  return { results: await ResultsCache.open(dir, salt, (m) => err(`diligence: ${m}`)), record: new RunRecord() };
}

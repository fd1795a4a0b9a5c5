/** `--cache-dir` for `check`: the results cache and what each run records for it (resultsCache.ts). */
import { readFileSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { ResultsCache, RunRecord, type ResultsStore } from './resultsCache';
import type { Options } from './args';
import { VERSION } from './version';

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

function fileSignature(path: string): string {
  try {
    const st = statSync(path);
    return `${st.size}:${st.mtimeMs}`;
  } catch {
    return '';
  }
}

/**
 * The build itself (a rebuilt bundle with the same version number is another tool): the bundle
 * run, and the analysis bundle beside it (dist/cli-core.cjs, see loadCore.ts).
 */
function buildSignature(): string {
  const run = process.argv[1] ?? '';
  return `${fileSignature(run)} ${fileSignature(join(dirname(run), 'cli-core.cjs'))}`;
}

/** What every result of a `check` depends on besides its file: the tool, the command line's settings and files. */
export function resultsInputs(opts: Options): { version: string; profiles: string[]; template: string | undefined; [k: string]: unknown } {
  return { version: VERSION, settings: opts.settings, offline: opts.offline === true, evidence: opts.evidence === true, profiles: opts.profiles, template: opts.settings.templates?.file };
}

/**
 * Opens DIR/results.json. Every entry depends on `inputs` (the version, the settings) and on the
 * text of the profile and template files they name.
 */
export async function openResults(dir: string, inputs: { version: string; profiles: string[]; template: string | undefined; [k: string]: unknown }, err: (s: string) => void): Promise<FileCache> {
  const salt = { ...inputs, build: buildSignature(), profileTexts: inputs.profiles.map(contentOf), templateText: inputs.template !== undefined ? contentOf(inputs.template) : undefined, cwd: process.cwd() };
  return { results: await ResultsCache.open(dir, salt, (m) => err(`diligence: ${m}`)), record: new RunRecord() };
}

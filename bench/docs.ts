/** The benchmark's documents: the realistic seed and two generated ones (~100 KB, ~1 MB). */
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { generateDocument } from './generate';

/** the repository root (bench/ is one level below it) */
export const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
/** the seeds live next to the repository (../shared/seeds), locally and in CI */
export const SEED_PATH = join(ROOT, '..', 'shared', 'seeds', 'kserve-incubation-due-diligence.md');

export interface BenchDoc {
  name: string;
  uri: string;
  text: string;
}

export const DOC_NAMES = ['seed-24k', 'gen-100k', 'gen-1m'] as const;
export type DocName = (typeof DOC_NAMES)[number];

export function loadDoc(name: DocName): BenchDoc {
  switch (name) {
    case 'seed-24k':
      return { name, uri: 'file:///bench/kserve-incubation-due-diligence.md', text: readFileSync(SEED_PATH, 'utf8') };
    case 'gen-100k':
      return { name, uri: 'file:///bench/generated-100k.md', text: generateDocument(100_000, 100) };
    case 'gen-1m':
      return { name, uri: 'file:///bench/generated-1m.md', text: generateDocument(1_000_000, 1000) };
  }
}

/**
 * Where the benchmark types: in the evaluation text of a criterion in the area around the
 * middle of the document (a line indented under a list item, not a heading or a title).
 */
export function keystrokeOffset(text: string): number {
  const mid = text.length >> 1;
  const re = /^ {2}[A-Z][a-z]+ [^\n]{20,}$/gm;
  re.lastIndex = mid;
  const m = re.exec(text) ?? (() => { re.lastIndex = 0; return re.exec(text); })();
  if (!m) return mid;
  return m.index + 2 + Math.min(12, m[0].length - 3);
}

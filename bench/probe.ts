/**
 * A quick look at one keystroke's steps (no GC control, few reps): for development, not the
 * reported figures — those come from `npm run bench`. Usage: tsx bench/probe.ts [seed-24k|gen-100k|gen-1m]
 */
import { DEFAULT_CONFIG } from '../server/src/service/config';
import { localFindings, toDiagnostics } from '../server/src/service/features/diagnostics';
import { buildModel } from '../server/src/service/model/build';
import { analyseIncremental } from '../server/src/service/model/index';
import { reparseChunks, type ParsedChunk } from '../server/src/service/model/parse';
import { LineIndex } from '../server/src/service/text/lineIndex';
import { DOC_NAMES, type DocName, keystrokeOffset, loadDoc } from './docs';

const names = (process.argv.slice(2).filter((a) => (DOC_NAMES as readonly string[]).includes(a)) as DocName[]);
for (const name of names.length ? names : DOC_NAMES) {
  const { text } = loadDoc(name);
  const at = keystrokeOffset(text);
  const t: Record<string, number[]> = {};
  const add = (k: string, v: number): void => void (t[k] ??= []).push(v);
  let chunks: ParsedChunk[] = reparseChunks(text, undefined);
  let cur = text;
  for (let i = 0; i < 25; i++) {
    cur = cur.slice(0, at + i) + 'x' + cur.slice(at + i);
    let t0 = performance.now();
    chunks = reparseChunks(cur, chunks);
    add('reparse', performance.now() - t0);
    t0 = performance.now();
    const lines = new LineIndex(cur);
    const model = buildModel(cur, chunks.flatMap((c) => c.nodes), lines);
    add('buildModel (uncached)', performance.now() - t0);
    t0 = performance.now();
    ({ chunks } = analyseIncremental(cur, chunks));
    add('analyseIncremental (no-op reparse + cached collect + build)', performance.now() - t0);
    t0 = performance.now();
    toDiagnostics(model, localFindings(model, DEFAULT_CONFIG, new Date()), DEFAULT_CONFIG);
    add('rules+diag', performance.now() - t0);
  }
  const med = (a: number[]): string => [...a].sort((x, y) => x - y)[Math.floor(a.length / 2)]!.toFixed(2);
  console.log(name, `${chunks.length} chunks`, Object.entries(t).map(([k, v]) => `${k} ${med(v)} ms`).join(', '));
}

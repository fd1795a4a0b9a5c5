/** Development probe: interleaved full vs incremental keystroke (shares the machine's noise). Not the reported figures. */
import { createDiligenceService } from '../server/src/service/index';
import { DOC_NAMES, type DocName, keystrokeOffset, loadDoc } from './docs';

const names = (process.argv.slice(2).filter((a) => (DOC_NAMES as readonly string[]).includes(a)) as DocName[]);
const n = Number(process.env['N'] ?? 15);
for (const name of names.length ? names : DOC_NAMES) {
  const { text } = loadDoc(name);
  const at = keystrokeOffset(text);
  const inc = createDiligenceService();
  let cur = text;
  let v = 1;
  inc.diagnostics({ uri: 'file:///a.md', version: v, getText: () => cur });
  const a: number[] = [];
  const b: number[] = [];
  for (let i = 0; i < n; i++) {
    cur = cur.slice(0, at + i) + 'x' + cur.slice(at + i);
    const t = cur;
    let t0 = performance.now();
    inc.diagnostics({ uri: 'file:///a.md', version: ++v, getText: () => t });
    a.push(performance.now() - t0);
    t0 = performance.now();
    createDiligenceService().diagnostics({ uri: 'file:///b.md', version: 1, getText: () => t });
    b.push(performance.now() - t0);
  }
  const med = (x: number[]): number => [...x].sort((p, q) => p - q)[Math.floor(x.length / 2)]!;
  console.log(`${name}: incremental ${med(a).toFixed(1)} ms, full ${med(b).toFixed(1)} ms, ratio ${(med(b) / med(a)).toFixed(1)}x`);
}

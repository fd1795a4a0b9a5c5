import { analyseIncremental } from '../server/src/service/model/index';
import { keystrokeOffset, loadDoc } from './docs';
const { text } = loadDoc('gen-1m');
const at = keystrokeOffset(text);
let { chunks } = analyseIncremental(text);
let cur = text;
for (let i = 0; i < 30; i++) {
  cur = cur.slice(0, at + i) + 'x' + cur.slice(at + i);
  const t0 = performance.now();
  ({ chunks } = analyseIncremental(cur, chunks));
  if (i % 5 === 0) console.log((performance.now() - t0).toFixed(1));
}

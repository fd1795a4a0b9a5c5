/**
 * The template as the contract, measured: on every version of both CNCF DD templates, how many
 * criteria the overlays recognise; and the warm time to align a document of the seed's size with
 * the current template (the model and the template parsed once, as the service caches them), and
 * to find the version it started from among all versions.
 *
 *   npx tsx bench/template.ts        (needs ../shared; prints, asserts nothing)
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { analyseText } from '../server/src/service/model/index';
import { BUILTIN_PROFILES } from '../server/src/service/profiles/builtin';
import { alignDocument } from '../server/src/service/template/align';
import { findBasedOn } from '../server/src/service/template/history';
import { parseTemplate } from '../server/src/service/template/model';
import { templateFindings } from '../server/src/service/template/rules';
import { SEED } from '../test/support/docs';
import { TOC, versions } from '../test/support/templates';

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)]!;
}

function time(n: number, f: () => void): number {
  for (let i = 0; i < 5; i++) f();
  const out: number[] = [];
  for (let i = 0; i < n; i++) {
    const t0 = performance.now();
    f();
    out.push(performance.now() - t0);
  }
  return median(out);
}

for (const kind of ['incubation', 'graduation'] as const) {
  const p = BUILTIN_PROFILES.find((x) => x.id === `cncf-${kind}`)!;
  const line = versions(kind).map((v) => {
    const t = parseTemplate(v.text, p, { source: 'file', path: '', ref: v.sha, date: v.date });
    return `${v.name.slice(0, 10)}/${v.sha.slice(0, 8)} ${t.criteria.filter((c) => c.overlay).length}/${t.criteria.length}`;
  });
  console.log(`${kind}: ${line.join(', ')}`);
}

const seed = readFileSync(SEED, 'utf8');
const model = analyseText(seed);
const profile = BUILTIN_PROFILES.find((x) => x.id === 'cncf-incubation')!;
const current = parseTemplate(readFileSync(join(TOC, 'template-dd-pr-incubation.md'), 'utf8'), profile, { source: 'file', path: '', ref: '', date: '' });
const history = versions('incubation').map((v) => ({ sha: v.sha, date: v.date, template: parseTemplate(v.text, profile, { source: 'github', path: '', ref: v.sha, date: v.date }) }));
console.log(`seed: ${seed.length} characters, ${model.criteria.length} criteria; template: ${current.criteria.length} criteria; history: ${history.length} versions`);
console.log(`align (warm, median of 200): ${time(200, () => alignDocument(model, current)).toFixed(2)} ms`);
console.log(`align + findings (warm, median of 200): ${time(200, () => templateFindings(model, alignDocument(model, current), undefined)).toFixed(2)} ms`);
console.log(`version started from, over ${history.length} versions (warm, median of 20): ${time(20, () => findBasedOn(model, history)).toFixed(2)} ms`);
console.log(`parse the template (median of 20): ${time(20, () => parseTemplate(readFileSync(join(TOC, 'template-dd-pr-incubation.md'), 'utf8'), profile, { source: 'file', path: '', ref: '', date: '' })).toFixed(2)} ms`);

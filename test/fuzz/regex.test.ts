import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { ROOT } from '../support/docs';
import { findRegexLiterals, measure } from './regexLinear';

/** t(100 KB) / t(50 KB) above this is superlinear (linear ≈ 2, quadratic ≈ 4). */
const MAX_RATIO = 3;
/** below this on 100 KB the work is too small to be superlinear (quadratic would be seconds) */
const FLOOR_MS = 5;

describe('fuzz: regular expressions of the core run in linear time', function () {
  this.timeout(120_000);
  const files = execFileSync('git', ['ls-files', 'server/src/service'], { cwd: ROOT, encoding: 'utf8' })
    .trim().split('\n').filter((f) => f.endsWith('.ts')).map((f) => `${ROOT}/${f}`);
  const found = findRegexLiterals(files);

  it('finds the expressions (all regular-expression literals under server/src/service)', () => {
    assert.ok(found.length > 80, `found ${found.length}`);
  });

  it('every expression: slowest generated attack, 50 KB vs 100 KB', () => {
    const failures: string[] = [];
    const rows: string[] = [];
    for (const r of found) {
      const where = `${r.file.slice(ROOT.length + 1)}:${r.line} /${r.source}/${r.flags}`;
      try {
        const m = measure(new RegExp(r.source, r.flags));
        rows.push(`${m.ratio.toFixed(2).padStart(6)} ${m.t100.toFixed(2).padStart(8)} ms  ${where}`);
        if (m.t100 > FLOOR_MS && m.ratio > MAX_RATIO) failures.push(`${where}: ${m.t50.toFixed(1)} ms on 50 KB, ${m.t100.toFixed(1)} ms on 100 KB with ${JSON.stringify(m.attack).slice(0, 120)}`);
      } catch (e) {
        failures.push(`${where}: ${(e as Error).message.slice(0, 200)}`);
      }
    }
    if (process.env['DILIGENCE_REGEX_TABLE']) console.log(rows.join('\n'));
    console.log(`      ${found.length} expressions checked, ${found.length - failures.length} linear`);
    assert.deepEqual(failures, []);
  });
});

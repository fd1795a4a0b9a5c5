import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { ROOT } from '../support/docs';
import { findRegexLiterals, measure, measureAttack } from './regexLinear';

/** t(100 KB) / t(50 KB) above this is superlinear (linear ≈ 2, quadratic ≈ 4). */
const MAX_RATIO = 3;
/**
 * Below this on 100 KB the work is too small to call superlinear: every quadratic expression
 * found took seconds there, while a linear scan that allocates a match per character can show a
 * garbage-collection pause of tens of milliseconds on a loaded machine.
 */
const FLOOR_MS = 100;

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
        const re = new RegExp(r.source, r.flags);
        let m = measure(re);
        // a slow outlier (a pause of the machine) is measured again before it counts
        for (let retry = 0; retry < 2 && m.t100 > FLOOR_MS && m.ratio > MAX_RATIO && m.t100 !== Infinity; retry++) {
          const again = measureAttack(re, m.attack, 5);
          if (again.ratio < m.ratio) m = again;
        }
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

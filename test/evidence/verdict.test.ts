import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { applyEdits, createDiligenceService } from '../../server/src/service/index';
import { analyseText } from '../../server/src/service/model/index';
import { finalAssessment, unmetRequired } from '../../server/src/service/evidence/verdict';
import { doc, needsShared, SHARED } from '../support/docs';

describe('summary: the Final Assessment held against the checkboxes', () => {
  needsShared();
  const template = (): string => readFileSync(join(SHARED, 'reference', 'cncf-toc', 'template-dd-pr-incubation.md'), 'utf8').replaceAll('$PROJECT', 'Widgets');
  const withVerdict = (text: string, verdict: string): string => text.replace(/^_\[The TOC has found[^\n]*$/m, verdict);
  const SATISFIED = '_The TOC has found the project to have satisfied the criteria for Incubation._';
  const NOT_READY = '_The TOC\'s evaluation of the project shows a needed focus to complete the outstanding blockers and reapply when the following conditions are met:_';
  const s = createDiligenceService({ clock: { now: () => new Date('2026-12-01T00:00:00Z') } });
  const codes = (text: string, code: string) => s.diagnostics(doc(text)).filter((d) => d.code === code);

  it('the template\'s verdict offering both choices is neither; the fixture replaces it', () => {
    const t = template();
    assert.equal(finalAssessment(analyseText(t)), undefined);
    assert.notEqual(withVerdict(t, SATISFIED), t);
    assert.equal(codes(t, 'verdict-unmet').length + codes(t, 'verdict-conditions').length, 0);
  });

  it('"satisfied" while Required criteria are unmet: a warning naming them; none once all are met', () => {
    const text = withVerdict(template(), SATISFIED);
    const unmet = unmetRequired(analyseText(text)).length;
    assert.ok(unmet > 10);
    const w = codes(text, 'verdict-unmet');
    assert.equal(w.length, 1);
    assert.equal(w[0]!.severity, 2);
    assert.match(String(w[0]!.message), new RegExp(`^The Final Assessment says the criteria are satisfied, but ${unmet} Required criteria are unmet: "Complete a `));
    const allMet = text.replace(/^( *)- \[ \]/gm, '$1- [x]');
    assert.equal(codes(allMet, 'verdict-unmet').length, 0);
  });

  it('"not ready": conditions that leave out unmet Required criteria get verdict-conditions; the quick fix writes the whole list in place of the one there', () => {
    const text = withVerdict(template(), `${NOT_READY}\n\n- Complete a Governance Review.`);
    const model = analyseText(text);
    const unmet = unmetRequired(model);
    const [f] = codes(text, 'verdict-conditions');
    assert.ok(f);
    assert.match(String(f.message), new RegExp(`^The Final Assessment's conditions leave out ${unmet.length - 1} unmet Required criteria: `));
    const d = doc(text);
    const fix = s.codeActions(d, f.range).find((a) => a.title.startsWith('Write the'));
    assert.equal(fix?.title, `Write the ${unmet.length} unmet Required criteria as the conditions`);
    const after = applyEdits(text, fix!.edit!.changes![d.uri]!);
    assert.equal(codes(after, 'verdict-conditions').length, 0);
    const v = finalAssessment(analyseText(after))!;
    assert.equal(v.conditions.length, unmet.length);
    assert.match(v.conditions[0]!.text, /^- Complete a General Technical Review \(GTR\)\. \(Application Process Principles\)$/);
    // nothing else moved: the criteria read the same
    assert.deepEqual(analyseText(after).criteria.map((c) => [c.title, c.checked, c.level]), model.criteria.map((c) => [c.title, c.checked, c.level]));
  });

  it('"not ready" with no list yet: the list goes under the verdict', () => {
    const text = withVerdict(template(), NOT_READY);
    const d = doc(text);
    const [f] = codes(text, 'verdict-conditions');
    const fix = s.codeActions(d, f!.range).find((a) => a.title.startsWith('Write the'))!;
    const after = applyEdits(text, fix.edit!.changes![d.uri]!);
    const lines = after.split('\n');
    const at = lines.indexOf(NOT_READY);
    assert.equal(lines[at + 1], '');
    assert.match(lines[at + 2]!, /^- Complete a General Technical Review \(GTR\)\. \(Application Process Principles\)$/);
    assert.equal(codes(after, 'verdict-conditions').length, 0);
  });
});

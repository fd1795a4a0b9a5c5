import assert from 'node:assert/strict';
import type { CodeAction, Range } from 'vscode-languageserver-types';
import { applyEdits, createDiligenceService, FILL_ALL_KIND, resolveConfig } from '../../server/src/service/index';
import { LineIndex } from '../../server/src/service/text/lineIndex';
import { doc, SMALL } from '../support/docs';

const clock = { now: () => new Date('2026-11-22T10:00:00Z'), utcOffsetMinutes: () => 0 };
const service = createDiligenceService({ clock, config: resolveConfig({ reviewer: { name: 'Jane Reviewer' } }) });

function rangeOf(text: string, needle: string, occurrence = 0): Range {
  let i = -1;
  for (let k = 0; k <= occurrence; k++) i = text.indexOf(needle, i + 1);
  assert.ok(i >= 0, `${needle} not in text`);
  const lines = new LineIndex(text);
  return { start: lines.positionAt(i), end: lines.positionAt(i + needle.length) };
}

function actionsAt(text: string, needle: string, only?: string[] | number): CodeAction[] {
  return typeof only === 'number' ? service.codeActions(doc(text), rangeOf(text, needle, only)) : service.codeActions(doc(text), rangeOf(text, needle), only);
}

function apply(text: string, action: CodeAction | undefined): string {
  assert.ok(action, 'action offered');
  const edits = Object.values(action.edit?.changes ?? {})[0] ?? [];
  return applyEdits(text, edits);
}

function pick(actions: CodeAction[], title: string | RegExp): CodeAction | undefined {
  return actions.find((a) => (typeof title === 'string' ? a.title === title : title.test(a.title)));
}

describe('code actions', () => {
  it('fills $LEVEL with the level from the title, once', () => {
    const a = pick(actionsAt(SMALL, '$LEVEL'), 'Fill $LEVEL with "Incubation"');
    const after = apply(SMALL, a);
    assert.ok(after.includes('who applied for Incubation.'));
    assert.equal(pick(actionsAt(after, 'Incubation.'), /Fill \$LEVEL/), undefined, 'not offered again');
  });

  it('fills $TOCMEMBER with the reviewer\'s name and DD-MMM-YYYY with today in that format', () => {
    assert.ok(apply(SMALL, pick(actionsAt(SMALL, '$TOCMEMBER'), /Fill \$TOCMEMBER/)).includes('_Jane Reviewer conducted'));
    assert.ok(apply(SMALL, pick(actionsAt(SMALL, 'DD-MMM-YYYY'), /Fill DD-MMM-YYYY/)).includes('criteria on 22-Nov-2026.'));
  });

  it('$TOCMEMBER without diligence.reviewer.name: "Set your reviewer name…" is the first, preferred fix, not a fill of the placeholder beside it', () => {
    const anonymous = createDiligenceService({ clock });
    const text = SMALL;
    const i = text.indexOf('$TOCMEMBER');
    const lines = new LineIndex(text);
    // the whole line: $LEVEL beside it has a value, and used to be the preferred fix
    const acts = anonymous.codeActions(doc(text), { start: lines.positionAt(i), end: lines.positionAt(text.indexOf('\n', i)) }).filter((a) => a.kind === 'quickfix');
    assert.equal(acts[0]?.title, 'Set your reviewer name…');
    assert.equal(acts[0]?.isPreferred, true);
    assert.deepEqual(acts[0]?.command, { title: 'Set your reviewer name…', command: 'diligence.setReviewerName' });
    assert.equal(acts[0]?.edit, undefined, 'it edits nothing');
    assert.deepEqual(acts.slice(1).filter((a) => a.isPreferred).map((a) => a.title), [], 'no other preferred fix');
    // with a name, the fill is offered instead
    assert.equal(pick(actionsAt(text, '$TOCMEMBER'), 'Set your reviewer name…'), undefined);
  });

  it('offers each option of a bracketed choice', () => {
    const acts = actionsAt(SMALL, '[has/has not]');
    // (then the suppressions' "Ignore placeholder …", tested in suppressFix.test.ts)
    assert.deepEqual(acts.filter((a) => a.kind === 'quickfix' && !a.title.startsWith('Ignore ')).map((a) => a.title), ['Keep "has"', 'Keep "has not"']);
    assert.ok(apply(SMALL, acts[1]).includes('The project has not completed'));
  });

  it('"Fill all placeholders" fills every placeholder that has a value, leaves event dates, and says so; twice changes nothing', () => {
    const a = pick(actionsAt(SMALL, '# Acme', [FILL_ALL_KIND]), 'Fill all placeholders (2; leaves 1 event date for you to give)');
    const after = apply(SMALL, a);
    assert.ok(after.includes('_Jane Reviewer conducted the due diligence of Acme who applied for Incubation. The project [has/has not] completed the criteria on DD-MMM-YYYY._'));
    assert.equal(pick(actionsAt(after, '# Acme', [FILL_ALL_KIND]), /Fill all/), undefined);
  });

  it('"Fill all placeholders" never stamps today on a past event (TAG presentation, adopter interview); it fills the document\'s own date field', () => {
    const text = [
      '# Acme Incubation Due Diligence', '', 'Date: DD-MMM-YYYY', '', '## Application Process Principles', '', '### Suggested', '',
      '- [ ] **Engage with domain-specific TAG(s).**', '  - This occurred on DD-MMM-YYYY and can be discovered at $LINK.', '',
      '- [ ] **Complete a review.**', '  - Revised on DD-MMM-YYYY, snapshot at `projects/acme/review/YYYY-MM-DD.md`.', '',
      '#### Adoption', '', '##### Adopter 1 - $COMPANY/$INDUSTRY', '', '_Anonymous is fine._', 'MONTH YEAR', '',
      '_Conducted by $TOCMEMBER for $LEVEL._', '',
    ].join('\n');
    const acts = actionsAt(text, '# Acme', [FILL_ALL_KIND]);
    const after = apply(text, pick(acts, 'Fill all placeholders (3; leaves 3 event dates for you to give)'));
    assert.ok(after.includes('Date: 22-Nov-2026'), after);
    assert.ok(after.includes('This occurred on DD-MMM-YYYY'), 'the TAG presentation date is the reviewer\'s to give');
    assert.ok(after.includes('_Anonymous is fine._\nMONTH YEAR'), 'the interview date is the reviewer\'s to give');
    assert.ok(after.includes('_Conducted by Jane Reviewer for Incubation._'));
    // the single fix on an event date is still offered, but never the preferred one
    const one = pick(actionsAt(text, 'DD-MMM-YYYY', 1), /Fill DD-MMM-YYYY with "22-Nov-2026"/);
    assert.ok(one && !one.isPreferred);
  });

  it('replaces the evaluation comment with a finding skeleton, keeping its indentation', () => {
    const text = SMALL;
    const needle = '<!-- (TOC Evaluation goes here) -->\n\n### Required';
    const start = text.indexOf(needle);
    const lines = new LineIndex(text);
    const acts = service.codeActions(doc(text), { start: lines.positionAt(start), end: lines.positionAt(start + 5) });
    const after = apply(text, pick(acts, 'Replace the template comment with a finding skeleton'));
    assert.ok(after.includes('  **Evaluation** (Jane Reviewer, 22-Nov-2026): $FINDING\n  - Evidence: $EVIDENCE\n\n### Required'));
    // the criterion now has an evaluation: no evaluation-missing there, no second skeleton
    const again = service.codeActions(doc(after), rangeOf(after, '$FINDING'));
    assert.equal(pick(again, /finding skeleton/), undefined);
  });

  it('the finding skeleton keeps a TODO that follows the template comment directly a TODO, and drops the comment\'s trailing spaces', () => {
    const text = '# Acme Incubation Due Diligence\n\n## Governance\n\n### Required\n\n- [ ] **Document the governance.**\n\n  <!-- (TOC Evaluation goes here) -->  \n  **TODO for Marta**: ask about the elections\n\n- [ ] **Next.**\n';
    const before = service.report(doc(text))!;
    const acts = actionsAt(text, '<!-- (TOC');
    const after = apply(text, pick(acts, 'Replace the template comment with a finding skeleton'));
    const report = service.report(doc(after))!;
    assert.equal(report.todos.reduce((n, t) => n + t.count, 0), before.todos.reduce((n, t) => n + t.count, 0), after);
    assert.ok(!/ {2}\r?\n/.test(after.slice(after.indexOf('$FINDING'))), `no hard line break carried over: ${JSON.stringify(after)}`);
    // the TODO is still the criterion's, on its own paragraph
    assert.ok(after.includes('- Evidence: $EVIDENCE\n\n  **TODO for Marta**'), after);
  });

  it('unchecks a checked criterion without evidence', () => {
    const after = apply(SMALL, pick(actionsAt(SMALL, '**Document complete list'), 'Uncheck criterion (no evidence yet)'));
    assert.ok(after.includes('- [ ] **Document complete list of current maintainers.**'));
  });

  it('checks an unmet Required criterion', () => {
    const after = apply(SMALL, pick(actionsAt(SMALL, '**Document agreement'), 'Mark criterion as met'));
    assert.ok(after.includes('- [x] **Document agreement that project will adopt CNCF Code of Conduct.**'));
  });

  it('marks a TODO resolved (from the todo and from checked-with-open-todo), once', () => {
    const a = pick(actionsAt(SMALL, '**TODO for Acme team:**'), 'Mark TODO for Acme team resolved');
    const after = apply(SMALL, a);
    assert.ok(after.includes('**DONE for Acme team:** add CODEOWNERS'));
    assert.equal(pick(actionsAt(after, '**DONE for Acme team:**'), /resolved/), undefined);
    const fromCriterion = pick(actionsAt(SMALL, '**Code and Doc ownership'), 'Mark TODO for Acme team resolved');
    assert.equal(apply(SMALL, fromCriterion), after);
  });

  it('adds https:// to a scheme-less domain link', () => {
    const after = apply(SMALL, pick(actionsAt(SMALL, 'sandbox.cncf.io'), /Add https:\/\//));
    assert.ok(after.includes('[Sandbox](https://sandbox.cncf.io)'));
  });

  it('puts a space before a glued URL', () => {
    const after = apply(SMALL, pick(actionsAt(SMALL, 'https://github.com/acme/web'), 'Put a space before the URL'));
    assert.ok(after.includes('the owners app https://github.com/acme/web/blob/main/OWNERS'));
  });

  it('encodes spaces in a link target', () => {
    const text = '- [ ] **A**\n\n  See [doc](docs/my file.md).\n';
    const after = apply(text, pick(actionsAt(text, 'my file'), /Encode the spaces/));
    assert.ok(after.includes('[doc](docs/my%20file.md)'));
  });

  it('checks or unchecks the criterion under the cursor without a diagnostic', () => {
    const acts = actionsAt(SMALL, '**Clear and discoverable');
    const after = apply(SMALL, pick(acts, 'Uncheck criterion'));
    assert.ok(after.includes('- [ ] **Clear and discoverable project governance documentation.**'));
  });

  it('applies a replacement carried in a finding (link checker findings)', () => {
    const s = createDiligenceService({ clock });
    const text = '- [x] **A**\n\n  See https://old.example/a\n';
    s.addFindingProvider((_uri, model) => model.links.map((l) => ({ code: 'link-redirected' as const, span: l.urlSpan!, message: 'moved', data: { replacement: 'https://new.example/a', replacementTitle: 'Use the final URL' } })));
    const d = doc(text);
    const acts = s.codeActions(d, rangeOf(text, 'https://old'));
    assert.equal(apply(text, pick(acts, 'Use the final URL')), '- [x] **A**\n\n  See https://new.example/a\n');
  });

  it('keeps CRLF line endings in inserted text', () => {
    const text = SMALL.replace(/\n/g, '\r\n');
    const needle = '<!-- (TOC Evaluation goes here) -->\r\n\r\n### Required';
    const start = text.indexOf(needle);
    const lines = new LineIndex(text);
    const acts = service.codeActions(doc(text), { start: lines.positionAt(start), end: lines.positionAt(start + 5) });
    const after = apply(text, pick(acts, /finding skeleton/));
    assert.ok(after.includes('$FINDING\r\n  - Evidence: $EVIDENCE\r\n'));
    assert.ok(!/[^\r]\n/.test(after), 'no bare LF');
  });
});

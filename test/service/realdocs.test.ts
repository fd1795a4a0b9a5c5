/**
 * Issue 12: defects that merged due-diligence documents carry, and false alarms they raised.
 * Every fixture here is our own minimal text in the shape of the real documents.
 */
import assert from 'node:assert/strict';
import { analyseText } from '../../server/src/service/model/index';
import { createDiligenceService, resolveConfig, type TemplateReference } from '../../server/src/service/index';
import { doc } from '../support/docs';
import { TEMPLATE } from '../support/templateFixture';
import { templateReferenceFromText } from '../../server/src/service/template/reference';

const clock = { now: () => new Date('2026-11-22T10:00:00Z'), utcOffsetMinutes: () => 0 };

export function findings(text: string, template?: TemplateReference) {
  const service = createDiligenceService({ clock, config: resolveConfig({}), ...(template ? { templateFor: () => template } : {}) });
  return service.findings(doc(text));
}

export const codes = (text: string, template?: TemplateReference): string[] => findings(text, template).map((f) => f.code);

describe('real documents: TODOs anywhere (issue 12, item 1)', () => {
  it('finds a TODO after a sentence, and its text is not the evaluation', () => {
    const text = '## Security\n\n### Required\n\n- [x] **Document security response roles.**\n\n  Roles are listed in [SECURITY.md](https://github.com/foo/foo/blob/main/SECURITY.md). **TODO for heidi**: confirm the SLA.\n';
    const m = analyseText(text);
    assert.deepEqual(m.todos.map((t) => [t.owner, t.text]), [['heidi', 'confirm the SLA.']]);
    assert.equal(m.criteria[0]!.evaluation, 'Roles are listed in [SECURITY.md](https://github.com/foo/foo/blob/main/SECURITY.md).');
    assert.ok(codes(text).includes('checked-with-open-todo'));
  });

  it('keeps the owner of the second of two TODO lines in a row, and two TODOs on one line apart', () => {
    const m = analyseText('- [ ] **A**\n\n  **TODO for Ann**: first thing\n  **TODO for Bob**: second thing\n\n  **TODO for Cy**: one. **TODO for Di**: two.\n');
    assert.deepEqual(m.todos.map((t) => [t.owner, t.text]), [['Ann', 'first thing'], ['Bob', 'second thing'], ['Cy', 'one.'], ['Di', 'two.']]);
  });

  it('finds TODOs in table cells, the text ending with the cell', () => {
    const m = analyseText('| Item | State |\n|---|---|\n| Docs | **TODO for Eve**: write them |\n| Tests | done |\n');
    assert.deepEqual(m.todos.map((t) => [t.owner, t.text]), [['Eve', 'write them']]);
  });

  it('a marker mid-line runs to the end of its line; at a paragraph\'s start, to its end', () => {
    const m = analyseText('- [ ] **A**\n\n  Looks fine. **TODO for Fay**: check it\n  The rest is the evaluation.\n\n  **TODO for Gus**: a long\n  request\n');
    assert.deepEqual(m.todos.map((t) => t.text), ['check it', 'a long request']);
    assert.equal(m.criteria[0]!.evaluation, 'Looks fine. The rest is the evaluation.');
  });

  it('still does not take a TODO mentioned in passing (no colon, not opening its line)', () => {
    assert.equal(analyseText('We discussed the **TODO for X** items.\n').todos.length, 0);
  });
});

describe('real documents: a checked criterion with an unchecked sub-item (item 2)', () => {
  const text = '## Security\n\n### Required\n\n- [x] **Third party review.**\n  - [ ] Moderate findings are tracked for resolution.\n  - [x] High findings are fixed.\n\n  Reviewed in [the audit](https://example.org/audit).\n';

  it('is flagged on the sub-item, naming it and the criterion', () => {
    const f = findings(text).filter((x) => x.code === 'subitem-unchecked');
    assert.equal(f.length, 1);
    assert.equal(text.slice(f[0]!.span.start, f[0]!.span.end), '[ ]');
    assert.match(f[0]!.message, /"Third party review\." is checked while its sub-item "Moderate findings are tracked for resolution\." is not/);
  });

  it('is not flagged once the sub-item is checked, or while the criterion is not', () => {
    assert.ok(!codes(text.replace('[ ] Moderate', '[x] Moderate')).includes('subitem-unchecked'));
    assert.ok(!codes(text.replace('[x] **Third', '[ ] **Third')).includes('subitem-unchecked'));
  });
});

describe('real documents: malformed evidence URLs seen without network (item 3)', () => {
  const malformed = (text: string) => findings(text).filter((f) => f.code === 'link-malformed');
  const one = (text: string) => {
    const f = malformed(text);
    assert.equal(f.length, 1, JSON.stringify(f));
    return { f: f[0]!, at: text.slice(f[0]!.span.start, f[0]!.span.end), fixed: f[0]!.data?.replacement === undefined ? undefined : text.slice(0, f[0]!.span.start) + f[0]!.data.replacement + text.slice(f[0]!.span.end) };
  };

  it('a scheme without //, with the fix', () => {
    const r = one('See [the issue](https:github.com/acme/rfcs/issues/3).\n');
    assert.match(r.f.message, /no "\/\/" after "https:"/);
    assert.equal(r.fixed, 'See [the issue](https://github.com/acme/rfcs/issues/3).\n');
  });

  it('an empty path segment where the repository belongs (no fix: the name is unknown)', () => {
    const r = one('See [x](https://github.com/acme//blob/main/x.md).\n');
    assert.match(r.f.message, /empty path segment/);
    assert.equal(r.fixed, undefined);
  });

  it('an invisible character in a target, raw or percent-encoded, with the fix', () => {
    const raw = one('See [notes](https://example.org/2026-02-02.md\u200E).\n');
    assert.match(raw.f.message, /invisible character/);
    assert.equal(raw.fixed, 'See [notes](https://example.org/2026-02-02.md).\n');
    const enc = one('See [notes](https://example.org/2026-02-02.md%E2%80%8E).\n');
    assert.equal(enc.fixed, 'See [notes](https://example.org/2026-02-02.md).\n');
    assert.equal(one('<https://example.org/a%EF%BB%BF>\n').fixed, '<https://example.org/a>\n');
  });

  it('the same malformed target twice (its verdict is kept between builds): each finding at its own place, with its own fix', () => {
    const text = 'A [x](https:github.com/a/b/issues/1) and B [y](https:github.com/a/b/issues/1).\n';
    for (let round = 0; round < 2; round++) {
      const f = malformed(text);
      assert.equal(f.length, 2);
      assert.deepEqual(f.map((x) => x.span.start), [text.indexOf('https:'), text.lastIndexOf('https:')]);
      assert.ok(f.every((x) => x.data?.replacement === 'https://github.com/a/b/issues/1'));
    }
  });

  it('a GitHub repository URL into a path with no blob/<ref> or tree/<ref>, with the fix', () => {
    const r = one('See [file](https://github.com/acme/rfcs/projects/x.md).\n');
    assert.match(r.f.message, /no blob\/<ref>/);
    assert.equal(r.fixed, 'See [file](https://github.com/acme/rfcs/blob/HEAD/projects/x.md).\n');
    assert.deepEqual(malformed('[a](https://github.com/acme/rfcs/issues/3) [b](https://github.com/acme/rfcs/blob/main/x.md) [c](https://github.com/acme/rfcs/releases/download/v1/x.yaml) [d](https://github.com/acme/rfcs)\n'), []);
  });

  it('a scheme-less autolink, rendered as text, with the fix', () => {
    const r = one('Website: <widgets.io>.\n');
    assert.match(r.f.message, /not a link/);
    assert.equal(r.fixed, 'Website: <https://widgets.io>.\n');
  });

  it('link text in brackets with no target and no definition', () => {
    const r = one('Progress is on the [Tracking Board] of the project.\n');
    assert.equal(r.at, '[Tracking Board]');
    assert.match(r.f.message, /no target and no definition/);
    // choices, checkboxes, short marks, defined references and footnotes are not
    assert.deepEqual(malformed('It [has/has not] met. [x] [WIP] [^1] [Board][b] [Board]\n\n[b]: https://example.org\n[board]: https://example.org\n\n[^1]: a note\n'), []);
  });

  it('backticks that break link text, with the fix', () => {
    const r = one('On [acme/rfcs `main](https://github.com/acme/rfcs)` today.\n');
    assert.match(r.f.message, /backtick/);
    assert.equal(r.fixed, 'On [acme/rfcs main](https://github.com/acme/rfcs) today.\n');
  });

  it('a link into a personal fork\'s branch of the repository the document links to, with the fix', () => {
    const text = 'Applied in [#12](https://github.com/acme/rfcs/issues/12); draft at [dd](https://github.com/zed/rfcs/blob/zed-draft/projects/w/dd.md).\n';
    const r = one(text);
    assert.match(r.f.message, /fork/);
    assert.equal(r.fixed, text.replace('zed/rfcs/blob/zed-draft', 'acme/rfcs/blob/HEAD'));
    assert.deepEqual(malformed(text.replace('zed-draft', 'main')), []);
  });
});

describe('real documents: a checked sub-item is the answer (item 9)', () => {
  const text = (link: string) => `## Process\n\n### Required\n\n- [X] **Review of the expectations for [Sandbox](https://example.org) projects.**\n   - [X] We ${link} with the project lead on 01-May-2025.\n`;

  it('gets neither evaluation-missing nor checked-without-evidence, with or without a link', () => {
    assert.deepEqual(codes(text('[met](https://github.com/acme/rfcs/issues/9#issuecomment-1)')), []);
    assert.deepEqual(codes(text('met')), []);
  });

  it('an unchecked sub-item, or one still holding the template\'s date, is no answer', () => {
    assert.deepEqual(codes(text('met').replace('- [X] We', '- [ ] We')), ['checked-without-evidence', 'subitem-unchecked']);
    assert.ok(codes(text('met').replace('01-May-2025', 'DD-MMM-YYYY')).includes('checked-without-evidence'));
  });
});

describe('real documents: one finding per criterion, one per delegated area (item 10)', () => {
  it('a checked criterion with neither evidence nor evaluation gets checked-without-evidence alone', () => {
    const f = findings('## Process\n\n### Suggested\n\n- [x] **Has a roadmap.**\n\n<!-- (TOC Evaluation goes here) -->\n');
    assert.deepEqual(f.map((x) => x.code), ['checked-without-evidence']);
  });

  it('an area whose opening note delegates its evaluation, with a link: one information finding on the note', () => {
    const text = '## Governance\n\nNote: this section is augmented by the [Governance Review](https://github.com/acme/rfcs/issues/5).\n\n### Suggested\n\n- [x] **Clear governance documentation.**\n\n<!-- (TOC Evaluation goes here) -->\n\n- [ ] **Governance is up to date.**\n\n<!-- (TOC Evaluation goes here) -->\n\n- [x] **Maintainers are listed.**\n\n  In [MAINTAINERS.md](https://example.org/m).\n';
    const f = findings(text);
    assert.deepEqual(f.map((x) => x.code), ['evaluation-delegated']);
    assert.equal(text.slice(f[0]!.span.start, f[0]!.span.end), 'Note: this section is augmented by the [Governance Review](https://github.com/acme/rfcs/issues/5).');
    assert.match(f[0]!.message, /"Governance".*Governance Review.*2 criteria/);
  });

  it('the template\'s note alone (no link) delegates nothing', () => {
    const text = '## Governance\n\nNote: this section may be augmented by the completion of a Governance Review.\n\n### Suggested\n\n- [ ] **Clear governance documentation.**\n\n<!-- (TOC Evaluation goes here) -->\n';
    assert.deepEqual(codes(text), ['evaluation-missing']);
  });
});

describe('real documents: template boilerplate is not an evaluation (item 11)', () => {
  const doc = (body: string) => `## Process\n\n### Suggested\n\n- [ ] **Adoption of the widget.**\n\n${body}\n`;

  it('documented boilerplate, without a template: "Refer to … of this document", "Completion of this due diligence document…", an assertion placeholder, a sentence with the template\'s date', () => {
    for (const body of ['Refer to the Adoption portion of this document.', 'Completion of this due diligence document, resolution of concerns and a public comment satisfy the criterion.', '(Project assertion goes here)', '  - This occurred on DD-MMM-YYYY and can be discovered at $LINK.']) {
      assert.deepEqual(codes(doc(body)).filter((c) => c === 'evaluation-missing'), ['evaluation-missing'], body);
    }
  });

  it('the reviewer\'s own text still counts, also next to boilerplate', () => {
    assert.deepEqual(codes(doc('Refer to the Adoption portion of this document.\n\nThree adopters run it in production.')), []);
  });

  it('with the template the document is held to: its own paragraphs and same-line instructions are not an evaluation', () => {
    const ref = templateReferenceFromText(TEMPLATE);
    const filled = TEMPLATE.replace(/\$PROJECT/g, 'Widget').replace('$REVIEWER', 'Ann').replace('DD-MMM-YYYY', '01-Dec-2026').replace('[is/is not]', 'is');
    const missing = (text: string, r?: TemplateReference) => findings(text, r).filter((f) => f.code === 'evaluation-missing').length;
    // the three criteria: a same-line instruction, a template paragraph, a "see the …" sentence
    assert.equal(missing(filled, ref), 3);
    assert.ok(missing(filled) < 3, 'without the template, only the documented patterns are known');
    const answered = filled.replace('See the Adoption part of this review.', 'See the Adoption part of this review.\n\nFour adopters, two in production.');
    assert.equal(missing(answered, ref), 2);
  });
});

describe('real documents: placeholders in code spans, shell variables in prose (items 5, 12)', () => {
  const placeholders = (text: string, template?: TemplateReference) => findings(text, template).filter((f) => f.code === 'placeholder').map((f) => text.slice(f.span.start, f.span.end));
  const text = 'The snapshot is at `widgets/$PROJECT/manual/YYYY-MM-DD.md`; notes at `widgets/<project>/notes.md`. Run `echo $HOME` and set $KUBECONFIG.\n';

  it('without a template: the documented tokens and dates in code, not shell variables anywhere', () => {
    assert.deepEqual(placeholders(text), ['$PROJECT', 'YYYY-MM-DD']);
  });

  it('with the template: its own placeholder strings in code, <project> included', () => {
    assert.deepEqual(placeholders(text, templateReferenceFromText(TEMPLATE)), ['$PROJECT', 'YYYY-MM-DD', '<project>']);
  });

  it('a token only the template has is a placeholder in prose when the document is held to it', () => {
    const t = 'Reviewed by $REVIEWER and $WIDGETOWNER.\n';
    assert.deepEqual(placeholders(t), ['$REVIEWER']);
    assert.deepEqual(placeholders(t, templateReferenceFromText('By $WIDGETOWNER.')), ['$REVIEWER', '$WIDGETOWNER']);
  });

  it('[yes/no] is not a placeholder', () => {
    assert.deepEqual(placeholders('Signed CLA [yes/no] yes. It [has/has not] met.\n'), ['[has/has not]']);
  });
});

describe('real documents: no checklist found (item 6)', () => {
  it('a due diligence in questions and prose, or with #### criteria: one information finding naming the template', () => {
    const prose = '# Widget Incubation Due Diligence\n\n## Governance\n\n#### Does the project have a clear governance?\n\nYes, see GOVERNANCE.md.\n';
    const f = findings(prose);
    assert.deepEqual(f.map((x) => x.code), ['no-checklist']);
    assert.match(f[0]!.message, /No checklist found.*CNCF Incubation due diligence/);
    assert.equal(prose.slice(f[0]!.span.start, f[0]!.span.end), '# Widget Incubation Due Diligence');
  });

  it('is not said when there are criteria', () => {
    assert.ok(!codes('# W Incubation Due Diligence\n\n## G\n\n- [ ] **A criterion.**\n').includes('no-checklist'));
  });
});

describe('real documents: criteria written as bold bullets without checkboxes (item 7)', () => {
  const text = '# W Incubation Due Diligence\n\n## Governance\n\n### Required\n\n- **Complete a governance review.**\n\n  Done in [the review](https://example.org/gr).\n\n- **Maintainers are listed.**\n\n  <!-- (TOC Evaluation goes here) -->\n\n- [ ] **Has a code of conduct.**\n';

  it('are criteria with no checkbox, counted apart, with one finding each', () => {
    const m = analyseText(text);
    assert.deepEqual(m.criteria.map((c) => [c.title, c.hasCheckbox]), [['Complete a governance review.', false], ['Maintainers are listed.', false], ['Has a code of conduct.', true]]);
    const f = findings(text).filter((x) => x.code === 'criterion-without-checkbox');
    assert.equal(f.length, 2);
    assert.match(f[0]!.message, /no checkbox/);
  });

  it('do not count as unmet Required criteria (no required-unmet), and evaluation rules still apply', () => {
    const c = codes(text);
    assert.equal(c.filter((x) => x === 'required-unmet').length, 1);
    assert.equal(c.filter((x) => x === 'evaluation-missing').length, 2);
  });

  it('a source action adds the checkboxes, and afterwards they are ordinary criteria', async () => {
    const { applyEdits } = await import('../../server/src/service/text/edits');
    const service = createDiligenceService({ clock, config: resolveConfig({}) });
    const d = doc(text);
    const actions = service.codeActions(d, { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, ['source.addCheckboxes.diligence']);
    assert.equal(actions.length, 1);
    assert.match(actions[0]!.title, /Add checkboxes to 2 criteria/);
    const after = applyEdits(text, actions[0]!.edit!.changes![d.uri]!);
    assert.ok(after.includes('- [ ] **Complete a governance review.**') && after.includes('- [ ] **Maintainers are listed.**'));
    assert.ok(!codes(after).includes('criterion-without-checkbox'));
    assert.deepEqual(analyseText(after).criteria.map((c) => c.hasCheckbox), [true, true, true]);
  });

  it('a plain bullet list that opens with bold words in a criterion\'s body stays its body', () => {
    const m = analyseText('- [ ] **A criterion.**\n  - **Note:** a detail\n\nMore.\n');
    assert.equal(m.criteria.length, 1);
  });
});

describe('real documents: the report counts criteria without checkboxes apart (item 7)', () => {
  it('in no tally, named in the markdown', () => {
    const service = createDiligenceService({ clock, config: resolveConfig({}) });
    const r = service.report(doc('# W Incubation Due Diligence\n\n## G\n\n### Required\n\n- **Complete a governance review.**\n\n- [ ] **Has a code of conduct.**\n'))!;
    assert.deepEqual(r.criteria, { total: 1, checked: 0, withoutCheckbox: 1 });
    // the template's Required criteria the document lacks count too (issue 11); the bold bullet is in no tally
    const lacking = (r.template?.missing ?? []).filter((m) => m.level === 'required').length;
    assert.deepEqual(r.required, { total: 1 + lacking, met: 0 });
  });
});

describe('real documents: a criterion indented under another by mistake (item 8)', () => {
  const text = '# Widget Review\n\n## Craft\n\n### Required\n\n- [x] **Publish a widget manual.**\n\n  The manual is at [docs](https://example.org/manual).\n\n  - [ ] **Widget review.**\n\n- [ ] **Adoption of the widget.**\n';

  it('with the template: a hint on the nested item that is the template\'s otherwise missing criterion, and a fix that outdents it', () => {
    const ref = templateReferenceFromText(TEMPLATE);
    const f = findings(text, ref).filter((x) => x.code === 'criterion-nested');
    assert.equal(f.length, 1);
    assert.match(f[0]!.message, /"Widget review\." is indented under "Publish a widget manual\."/);
    const fixed = text.slice(0, f[0]!.span.start) + f[0]!.data!.replacement! + text.slice(f[0]!.span.end);
    assert.ok(fixed.includes('\n- [ ] **Widget review.**\n'));
    const m = analyseText(fixed);
    assert.deepEqual(m.criteria.map((c) => c.title), ['Publish a widget manual.', 'Widget review.', 'Adoption of the widget.']);
    assert.ok(!codes(fixed, ref).includes('criterion-nested'));
  });

  it('without a template: against the built-in profile of the title', () => {
    const cncf = '# Widget Incubation Due Diligence\n\n## Process\n\n### Required\n\n- [x] **All project metadata and resources are vendor-neutral.**\n\n  Yes.\n\n  - [ ] **Due Diligence Review.**\n';
    assert.deepEqual(codes(cncf).filter((c) => c === 'criterion-nested'), ['criterion-nested']);
  });

  it('not when the criterion is also in the document, nor for an ordinary sub-item', () => {
    const ref = templateReferenceFromText(TEMPLATE);
    assert.ok(!codes(text + '\n- [ ] **Widget review.**\n', ref).includes('criterion-nested'));
    assert.ok(!codes(text.replace('**Widget review.**', 'Widget manual reviewed'), ref).includes('criterion-nested'));
  });
});

describe('real documents: smaller false alarms (item 12)', () => {
  it('a target in angle brackets may hold spaces', () => {
    const malformed = (t: string) => codes(t).filter((c) => c === 'link-malformed');
    assert.deepEqual(malformed('See [doc](<./my file.md>).\n'), []);
    assert.deepEqual(malformed('See [doc](./my file.md).\n'), ['link-malformed']);
  });

  it('## headings inside the summary, and summary heading variants, are the summary, not empty areas', () => {
    const m = analyseText('# Widget Graduation Due Diligence\n\n## Graduation Criteria Summary for Widget\n\nAll good.\n\n## Blockers and recommendations\n\nNone.\n\n## Governance\n\n### Required\n\n- [ ] **Clear governance.**\n');
    assert.deepEqual(m.areas.map((a) => [a.name, a.kind]), [['Graduation Criteria Summary for Widget', 'summary'], ['Governance', 'checklist']]);
    assert.equal(m.project, 'Widget');
    assert.equal(m.criteria[0]!.area, 1);
  });
});

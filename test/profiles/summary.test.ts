import assert from 'node:assert/strict';
import type { CodeAction, TextEdit } from 'vscode-languageserver-types';
import { applyEdits, createDiligenceService, DRAFT_SUMMARY_KIND, DRAFT_SUMMARY_TITLE } from '../../server/src/service/index';
import { analyseText } from '../../server/src/service/model/index';
import { doc, readSeed, needsShared } from '../support/docs';

const URI = 'file:///test/dd.md';

const SUMMARY_DOC = `# Acme Incubation Due Diligence

## Incubation Evaluation Summary for Acme

### Criteria Evaluation

_$TOCMEMBER reviewed Acme. Noteworthy... $NOTABLES. Blocking but since resolved... $BLOCKERS. Non-blocking recommendations... $RECOMMENDATIONS._

## Governance

### Suggested

- [ ] **Contributor ladder with multiple roles for contributors.**

  **TODO for Acme team**: describe the *approver* role

### Required

- [x] **Document complete list of current maintainers.**

  See [MAINTAINERS.md](https://github.com/acme/acme/blob/main/MAINTAINERS.md).

- [ ] **Document agreement that project will adopt CNCF Code of Conduct.**

  **TODO for Acme team**: add CODE_OF_CONDUCT.md

  **TODO for Jo**: check the [cross links](https://x.io)

- [ ] **All subprojects, if any, are listed.**

  N/A: Acme has no subprojects.

## Security

### Required

- [ ] **Clearly defined and discoverable process to report security issues.**
`;

// not ready (Required criteria unmet): the "since resolved" sentence is rewritten to say what is still
// open; the TODO for a person (Jo) is the reviewer's note and stays out of the public text
const EXPECTED = `_$TOCMEMBER reviewed Acme. Noteworthy... 1 of 4 Required criteria are met (Governance 1/3, Security 0/1); met with a written finding and cited evidence: "Document complete list of current maintainers". No blocking action is recorded as resolved yet. Still open, 2 of 4 Required criteria not met: "Document agreement that project will adopt CNCF Code of Conduct" (TODO for Acme team: add CODE\\_OF\\_CONDUCT.md); "Clearly defined and discoverable process to report security issues". Non-blocking recommendations... "Contributor ladder with multiple roles for contributors": TODO for Acme team: describe the \\*approver\\* role._`;

function actionsAt(text: string, line: number): CodeAction[] {
  const service = createDiligenceService();
  return service.codeActions(doc(text, URI), { start: { line, character: 0 }, end: { line, character: 0 } });
}

describe('Draft evaluation summary', () => {
  needsShared();
  it('fills notables, blockers and recommendations from the criteria (exact text)', () => {
    const line = SUMMARY_DOC.split('\n').findIndex((l) => l.includes('$NOTABLES'));
    const action = actionsAt(SUMMARY_DOC, line).find((a) => a.title === DRAFT_SUMMARY_TITLE)!;
    assert.ok(action, 'offered on the summary paragraph');
    assert.equal(action.kind, DRAFT_SUMMARY_KIND);
    const after = applyEdits(SUMMARY_DOC, action.edit!.changes![URI]! as TextEdit[]);
    assert.equal(after.split('\n')[line], EXPECTED);
    // nothing else changed
    assert.equal(after.split('\n').filter((_, i) => i !== line).join('\n'), SUMMARY_DOC.split('\n').filter((_, i) => i !== line).join('\n'));
    // the italic sentence is still one paragraph, no new placeholder or TODO was created
    const before = analyseText(SUMMARY_DOC);
    const m = analyseText(after);
    assert.deepEqual(m.placeholders.map((p) => p.text), before.placeholders.map((p) => p.text).filter((t) => !['$NOTABLES', '$BLOCKERS', '$RECOMMENDATIONS'].includes(t)));
    assert.equal(m.todos.length, before.todos.length);
    assert.equal(m.links.length, before.links.length);
    // once filled, not offered again
    assert.equal(actionsAt(after, line).filter((a) => a.title === DRAFT_SUMMARY_TITLE).length, 0);
  });

  it('is offered anywhere in the summary section, not on the criteria, and honours `only`', () => {
    const lines = SUMMARY_DOC.split('\n');
    const heading = lines.findIndex((l) => l.startsWith('## Incubation Evaluation Summary'));
    assert.ok(actionsAt(SUMMARY_DOC, heading).some((a) => a.title === DRAFT_SUMMARY_TITLE));
    const criterion = lines.findIndex((l) => l.includes('Contributor ladder'));
    assert.ok(!actionsAt(SUMMARY_DOC, criterion).some((a) => a.title === DRAFT_SUMMARY_TITLE));
    const service = createDiligenceService();
    const range = { start: { line: heading, character: 0 }, end: { line: heading, character: 0 } };
    assert.equal(service.codeActions(doc(SUMMARY_DOC, URI), range, ['quickfix']).filter((a) => a.title === DRAFT_SUMMARY_TITLE).length, 0);
    assert.equal(service.codeActions(doc(SUMMARY_DOC, URI), range, ['refactor']).filter((a) => a.title === DRAFT_SUMMARY_TITLE).length, 1);
  });

  it('partially filled: only the placeholders left are replaced', () => {
    const text = SUMMARY_DOC.replace('$NOTABLES', 'strong governance');
    const line = text.split('\n').findIndex((l) => l.includes('$BLOCKERS'));
    const action = actionsAt(text, line).find((a) => a.title === DRAFT_SUMMARY_TITLE)!;
    const edits = action.edit!.changes![URI]! as TextEdit[];
    assert.equal(edits.length, 2);
    const after = applyEdits(text, edits);
    assert.match(after, /Noteworthy\.\.\. strong governance\. No blocking action is recorded as resolved yet\. Still open/);
  });

  it('on the seed: not ready, so the 18 unmet Required criteria are said to be still open, open TODOs of Suggested ones are recommendations', () => {
    const seed = readSeed();
    const line = seed.split('\n').findIndex((l) => l.includes('$NOTABLES'));
    const action = actionsAt(seed, line).find((a) => a.title === DRAFT_SUMMARY_TITLE)!;
    const edits = action.edit!.changes![URI]! as TextEdit[];
    assert.equal(edits.length, 3);
    const [notables, blockers, recommendations] = edits.map((e) => e.newText);
    assert.match(notables!, /^14 of 32 Required criteria are met \(Application Process Principles 1\/6, Governance and Maintainers 3\/6, Contributors and Community 5\/6, Engineering Principles 4\/5, Security 1\/5, Ecosystem 0\/4\); met with a written finding and cited evidence: "Additional documentation as appropriate for project type.*; and 13 more$/);
    assert.match(blockers!, /^No blocking action is recorded as resolved yet\. Still open, 18 of 32 Required criteria not met: "Give a presentation and engage with the domain specific TAG\(s\) to increase awareness" \(TODO for KServe team: Provide GTR\/DTR files\); "TAG provides insight\/recommendation of the project in the context of the landscape" \(TODO for KServe team: fill GTR\/DTR\)/);
    assert.equal(blockers!.split('; "').length, 18);
    assert.match(blockers!, /\(TODO for KServe team: create a CODE\\_OF\\_CONDUCT\.md file at the root level of each repository\)/);
    assert.match(blockers!, /Link to the CI\/CD generated SBOMs at self-assessment\.md#software-bill-of-materials/);
    assert.match(recommendations!, /"Roadmap change process is documented": TODO for KServe Team: It is not mandatory/);
    // the reviewer's own notes (TODO for Kevin) are not public text; no doubled period
    for (const t of [notables!, blockers!, recommendations!]) {
      assert.ok(!t.includes('Kevin'), t);
      assert.ok(!/\.$/.test(t), `ends in a period before the template's own: ${t.slice(-40)}`);
    }
    const after = applyEdits(seed, edits);
    const [m0, m1] = [analyseText(seed), analyseText(after)];
    assert.equal(m1.criteria.length, 44);
    assert.equal(m1.links.length, m0.links.length, 'no link added or cut');
    assert.equal(m1.todos.length, m0.todos.length);
  });

  it('ready: $BLOCKERS lists the Required criteria met since, with their TODOs marked DONE; a person\'s TODO stays out; no ".."', () => {
    const text = `# Acme Incubation Due Diligence

## Incubation Evaluation Summary for Acme

_Noteworthy... $NOTABLES. The following actions were provided to the project that were considered blocking but since resolved... $BLOCKERS. Recommendations... $RECOMMENDATIONS._

## Governance

### Required

- [x] **Document agreement that project will adopt CNCF Code of Conduct.**

  Adopted in [CODE_OF_CONDUCT.md](https://github.com/acme/acme/blob/main/CODE_OF_CONDUCT.md).

  **DONE for Acme team**: add CODE_OF_CONDUCT.md.

  **DONE for Jo**: ask Marta whether the old one was ever enforced.

- [x] **Document complete list of current maintainers.**

### Suggested

- [ ] **Contributor ladder with multiple roles for contributors.**

  **TODO for Acme maintainers**: describe the roles.

  **TODO for Jo**: private reminder about the ladder.
`;
    const line = text.split('\n').findIndex((l) => l.includes('$NOTABLES'));
    const action = actionsAt(text, line).find((a) => a.title === DRAFT_SUMMARY_TITLE)!;
    const after = applyEdits(text, action.edit!.changes![URI]! as TextEdit[]).split('\n')[line];
    assert.equal(after, '_Noteworthy... 2 of 2 Required criteria are met (Governance 2/2); met with a written finding and cited evidence: "Document agreement that project will adopt CNCF Code of Conduct". '
      + 'The following actions were provided to the project that were considered blocking but since resolved... "Document agreement that project will adopt CNCF Code of Conduct" (done for Acme team: add CODE\\_OF\\_CONDUCT.md). '
      + 'Recommendations... "Contributor ladder with multiple roles for contributors": TODO for Acme maintainers: describe the roles._');
    assert.ok(!/[^.]\.\.(?!\.)/.test(after!), 'no stray ".."');
    assert.ok(!after!.includes('Jo'), 'a TODO for a person is the reviewer\'s note');
  });
});

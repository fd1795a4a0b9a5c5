import assert from 'node:assert/strict';
import type { MarkupContent } from 'vscode-languageserver-types';
import { createDiligenceService, resolveConfig } from '../../server/src/service/index';
import { cursor, doc, SMALL } from '../support/docs';

const clock = { now: () => new Date('2026-11-22T10:00:00Z'), utcOffsetMinutes: () => 0 };
const service = createDiligenceService({ clock, config: resolveConfig({ reviewer: { name: 'Jane Reviewer' } }) });

function hoverText(marked: string): string | undefined {
  const { text, position } = cursor(marked);
  const h = service.hover(doc(text), position);
  return h ? (h.contents as MarkupContent).value : undefined;
}

function at(needle: string, offset = 1): string {
  const i = SMALL.indexOf(needle);
  assert.ok(i >= 0, needle);
  return SMALL.slice(0, i + offset) + '|' + SMALL.slice(i + offset);
}

describe('hover', () => {
  it('on a criterion: area, level, state, evidence and open TODOs', () => {
    const h = hoverText(at('**Code and Doc ownership', 4))!;
    assert.match(h, /\*\*Criterion\*\* · Governance · Required/);
    assert.match(h, /State: \*\*met\*\*/);
    assert.match(h, /Evidence cited: 1 link\b/);
    assert.match(h, /Open TODOs: 1 \(Acme team\)/);
    assert.match(h, /Evaluation: Ownership is managed with CODEOWNERS/);
  });
  it('on a TODO: owner and how many that owner has open', () => {
    const h = hoverText(at('**TODO for Acme team:**', 5))!;
    assert.match(h, /\*\*TODO for Acme team\*\* \(open\)/);
    assert.match(h, /Acme team has 2 open TODOs in this document \(of 2 open\)/);
  });
  it('on a placeholder: what it stands for and the value a fix inserts', () => {
    const h = hoverText(at('$LEVEL', 2))!;
    assert.match(h, /Stands for the maturity level the project applied for/);
    assert.match(h, /Quick fix inserts `Incubation`/);
    const none = hoverText(SMALL.replace('$LEVEL', '$NOTABLES').replace('$NOTABLES', '$NOT|ABLES'))!;
    assert.match(none, /No value to insert/);
  });
  it('on a link: its target', () => {
    const h = hoverText(at('[GOVERNANCE.md]', 3))!;
    assert.match(h, /\*\*Link\*\* → `https:\/\/github.com\/acme\/acme\/blob\/main\/GOVERNANCE.md`/);
  });
  it('on the title: project, level and readiness', () => {
    const h = hoverText('# Ac|me Incubation Due Diligence\n\n## X\n\n### Required\n\n- [x] **A**\n  done\n- [ ] **B**\n')!;
    assert.match(h, /\*\*Acme\*\* · Incubation/);
    assert.match(h, /Required criteria met: 1\/2/);
  });
  it('nothing on plain text', () => {
    assert.equal(hoverText(at('Acme documents its', 3)), undefined);
  });
});

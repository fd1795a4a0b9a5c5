/**
 * "Ignore CODE on this line" / "… in this document": the inserted comment must not change how
 * anything else in the document parses. Each offered edit is applied, the document is parsed
 * before and after (remark + GFM, as GitHub reads it), and the trees are compared with the
 * inserted comment taken out; the finding that offered it must be gone and every other finding
 * unchanged.
 */
import assert from 'node:assert/strict';
import type { Nodes, Root } from 'mdast';
import remarkGfm from 'remark-gfm';
import remarkParse from 'remark-parse';
import { unified } from 'unified';
import type { CodeAction, Diagnostic } from 'vscode-languageserver-types';
import { applyEdits, createDiligenceService, resolveConfig } from '../../server/src/service/index';
import { doc } from '../support/docs';

const service = createDiligenceService({ config: resolveConfig({}) });
const DIRECTIVE = / ?<!-- diligence-[a-z-]+(?: [a-z-]+)* --> ?/g;

type Plain = { type: string; [k: string]: unknown; children?: Plain[] };

/** the tree without positions, suppression comments taken out, adjacent text merged, blanks at line ends dropped */
function normalise(node: Nodes): Plain {
  const { position: _p, children, ...rest } = node as Nodes & { children?: Nodes[] };
  const out: Plain = { ...rest };
  if (out.type === 'html' && typeof out['value'] === 'string') out['value'] = (out['value'] as string).replace(DIRECTIVE, '');
  if (!children) return out;
  const kids: Plain[] = [];
  for (const child of children.map(normalise)) {
    if (child.type === 'html' && String(child['value']).trim() === '') continue;
    const last = kids[kids.length - 1];
    if (child.type === 'text' && last?.type === 'text') last['value'] = String(last['value']) + String(child['value']);
    else kids.push(child);
  }
  for (const [i, k] of kids.entries()) {
    if (k.type !== 'text') continue;
    let v = String(k['value']).split('\n').map((x, j, all) => (j < all.length - 1 ? x.trimEnd() : x)).join('\n');
    if (i === kids.length - 1) v = v.trimEnd();
    k['value'] = v;
  }
  out.children = kids.filter((k) => !(k.type === 'text' && k['value'] === ''));
  return out;
}

function tree(text: string): Plain {
  return normalise(unified().use(remarkParse).use(remarkGfm).parse(text) as Root);
}

function apply(text: string, action: CodeAction): string {
  return applyEdits(text, Object.values(action.edit?.changes ?? {})[0] ?? []);
}

const key = (d: Diagnostic): string => `${d.code} ${typeof d.message === 'string' ? d.message : ''}`;

/** every diagnostic's "on this line" fix: applied, checked; returns the lines (0-based) that got none */
function checkEveryLineFix(text: string): { fixed: number[]; unfixed: number[] } {
  const d = doc(text);
  const before = tree(text);
  const diagnostics = service.diagnostics(d);
  const fixed: number[] = [];
  const unfixed: number[] = [];
  for (const diag of diagnostics) {
    const line = diag.range.start.line;
    const title = `Ignore ${String(diag.code)} on this line`;
    const action = service.codeActions(d, diag.range).find((a) => a.title === title);
    if (!action) {
      unfixed.push(line);
      continue;
    }
    fixed.push(line);
    const after = apply(text, action);
    assert.deepEqual(tree(after), before, `${title} (line ${line + 1}: ${JSON.stringify(text.split('\n')[line])}) changed the tree:\n${after}`);
    // the finding is gone; every other one is still there
    const left = service.diagnostics(doc(after)).map(key).sort();
    const expected = diagnostics.filter((x) => x.code !== diag.code || x.range.start.line !== line).map(key).sort();
    assert.deepEqual(left, expected, `${title} on line ${line + 1}`);
  }
  return { fixed, unfixed };
}

// written for these tests: each context a suppression comment must survive
const CONTEXTS = `# Acme Incubation Due Diligence

## Incubation Evaluation Summary for Acme

_$TOCMEMBER conducted the review of Acme
who applied for $LEVEL on DD-MMM-YYYY._
A line with a hard break $LEVEL  
and the next line.

> Quoted $LEVEL note
> **TODO for Acme team:** quoted todo

| Area | Owner $LEVEL |
|---|---|
| Governance | $TOCMEMBER |
| Docs | DD-MMM-YYYY

Term $LEVEL
===========

    indented code $LEVEL

\`\`\`text
fenced $LEVEL
\`\`\`

Inline \`$LEVEL\` code here.

## Governance $LEVEL

### Suggested

- [x] **Clear governance.**

  Evidence at [GOVERNANCE.md](https://github.com/acme/acme/blob/main/GOVERNANCE.md) for $LEVEL.
  - [ ] sub-item one
  - [x] sub-item two $LEVEL
    - nested $LEVEL deeper
- [ ] **Second criterion $LEVEL.**
  **TODO for Acme team:** write it
1. ordered $LEVEL
2. next

> ### Quoted heading $LEVEL
> quoted text

- list item
  ## Heading in an item $LEVEL

### Required

- [x] **Document complete list of current maintainers.** See [the list][def]

[def]: sandbox.cncf.io
`;

describe('suppressions: the "Ignore" quick fixes change nothing else', () => {
  it('in paragraphs, hard breaks, block quotes, tables, headings, criteria, sub-items, nested and ordered lists, definitions: the tree is unchanged and only the finding goes', function () {
    this.timeout(180_000); // about 25 edits, each analysed twice: slow under load, not a measure
    const lines = CONTEXTS.split('\n');
    const { fixed, unfixed } = checkEveryLineFix(CONTEXTS);
    const at = (needle: string): number => lines.findIndex((l) => l.includes(needle));
    for (const needle of ['_$TOCMEMBER', 'who applied', 'hard break', '> Quoted $LEVEL', 'quoted todo', '| Area |', '| Governance |', '| Docs |', 'Inline `', '## Governance', 'Evidence at', 'sub-item one', 'sub-item two', 'nested $LEVEL', 'Second criterion', 'write it', 'ordered $LEVEL', '### Quoted heading', '## Heading in an item', '[def]:']) {
      assert.ok(fixed.includes(at(needle)), `a fix on ${JSON.stringify(needle)}`);
    }
    // no safe place: a setext heading's text, code
    for (const needle of ['Term $LEVEL', 'indented code', 'fenced $LEVEL']) assert.ok(unfixed.includes(at(needle)) && !fixed.includes(at(needle)), `no fix on ${JSON.stringify(needle)}`);
  });

  it('where the comment goes: at the end of the line, before a hard break\'s spaces and a table row\'s last pipe; a line before a heading, with its prefix', () => {
    const d = doc(CONTEXTS);
    const lines = CONTEXTS.split('\n');
    const fixOn = (needle: string, code = 'placeholder'): string => {
      const line = lines.findIndex((l) => l.includes(needle));
      const a = service.codeActions(d, { start: { line, character: 0 }, end: { line, character: lines[line]!.length } }).find((x) => x.title === `Ignore ${code} on this line`);
      assert.ok(a, needle);
      return apply(CONTEXTS, a).split('\n').slice(line, line + 2).join('\n');
    };
    assert.equal(fixOn('hard break'), 'A line with a hard break $LEVEL<!-- diligence-disable-line placeholder -->  \nand the next line.');
    assert.equal(fixOn('| Area |'), '| Area | Owner $LEVEL <!-- diligence-disable-line placeholder --> |\n|---|---|');
    assert.equal(fixOn('### Quoted heading'), '> <!-- diligence-disable-next-line placeholder -->\n> ### Quoted heading $LEVEL');
    assert.equal(fixOn('## Heading in an item'), '  <!-- diligence-disable-next-line placeholder -->\n  ## Heading in an item $LEVEL');
    assert.equal(fixOn('Second criterion', 'criterion-not-in-template'), '- [ ] **Second criterion $LEVEL.** <!-- diligence-disable-line criterion-not-in-template -->\n  **TODO for Acme team:** write it');
  });

  it('a second code on a line joins the comment already there', () => {
    const text = '# Acme Incubation Due Diligence\n\n- [ ] **Second criterion $LEVEL.** <!-- diligence-disable-line criterion-not-in-template -->\n';
    const d = doc(text);
    const a = service.codeActions(d, { start: { line: 2, character: 0 }, end: { line: 2, character: 30 } }).find((x) => x.title === 'Ignore placeholder on this line');
    assert.ok(a);
    assert.equal(apply(text, a).split('\n')[2], '- [ ] **Second criterion $LEVEL.** <!-- diligence-disable-line criterion-not-in-template placeholder -->');
  });

  it('"in this document": one disable-file line at the top (after front matter), or a code added to it; the tree is unchanged and that code is gone everywhere', () => {
    const withFront = `---\nrepositories: [acme/acme]\n---\n${CONTEXTS}`;
    for (const text of [CONTEXTS, withFront]) {
      const d = doc(text);
      const diag = service.diagnostics(d).find((x) => x.code === 'placeholder')!;
      const a = service.codeActions(d, diag.range).find((x) => x.title === 'Ignore placeholder in this document');
      assert.ok(a);
      const after = apply(text, a);
      assert.deepEqual(tree(after), tree(text));
      assert.ok(after.startsWith(text === withFront ? '---\nrepositories: [acme/acme]\n---\n<!-- diligence-disable-file placeholder -->\n' : '<!-- diligence-disable-file placeholder -->\n'));
      const left = service.diagnostics(doc(after));
      assert.equal(left.filter((x) => x.code === 'placeholder').length, 0);
      assert.deepEqual(left.map(key).sort(), service.diagnostics(d).filter((x) => x.code !== 'placeholder').map(key).sort());
      // a second code joins the same line
      const todo = left.find((x) => x.code === 'todo')!;
      const b = service.codeActions(doc(after), todo.range).find((x) => x.title === 'Ignore todo in this document');
      assert.ok(b);
      assert.ok(apply(after, b).includes('<!-- diligence-disable-file placeholder todo -->\n'));
    }
  });

  it('more line ends: a bare URL, an escaped pipe, emphasis running over lines, a lazy continuation, a footnote, an inline link, front matter; headings right after a table or a paragraph', function () {
    this.timeout(120_000);
    const text = [
      '---', 'repositories: [acme/$LEVEL]', '---',
      '# Acme Incubation Due Diligence', '',
      'For $LEVEL see https://example.com/acme', '',
      'A pipe for $LEVEL \\|', '',
      'Some *emphasis for $LEVEL', 'over lines* here.', '',
      '- [ ] **Criterion.** for $LEVEL', 'lazy line for $LEVEL', '',
      'Note[^1].', '', '[^1]: A footnote for $LEVEL', '',
      'Evidence for $LEVEL: [link](https://example.com/x)', '',
      '> - quoted item $LEVEL', '>   - nested quoted item $LEVEL', '',
      '| a | b |', '|---|---|', '| c | d |', '## Heading after a table $LEVEL',
      'A paragraph line', '### Heading after a paragraph $LEVEL', '',
    ].join('\n');
    const lines = text.split('\n');
    const { fixed } = checkEveryLineFix(text);
    for (const needle of ['https://example.com/acme', 'A pipe', '*emphasis', '**Criterion.**', 'lazy line', 'A footnote', 'Evidence for', 'quoted item', 'nested quoted', 'after a table', 'after a paragraph']) {
      const line = lines.findIndex((l) => l.includes(needle));
      assert.ok(fixed.includes(line), `a fix on ${JSON.stringify(needle)}`);
    }
    assert.ok(!fixed.includes(1), 'none in front matter');
  });

  it('no fix in a link title running over lines, or after a backslash', () => {
    const text = '# Acme Incubation Due Diligence\n\n<div>\nOwner\n</div>\n\nSee [it](https://example.com "title $LEVEL\nmore") here.\n\nA break $LEVEL\\\nnext\n';
    const { fixed, unfixed } = checkEveryLineFix(text);
    assert.deepEqual(fixed.filter((l) => l > 0), []);
    assert.deepEqual([...new Set(unfixed)].sort(), [6, 9]);
  });

  it('a finding about no text (the start of a document without a title): no line before a definition, which would not move it; "in this document" works', () => {
    const text = '[r2]: <https://e.org/x y>\n';
    const d = doc(text);
    const f = service.diagnostics(d).find((x) => x.code === 'no-checklist')!;
    const titles = service.codeActions(d, f.range).map((a) => a.title);
    assert.ok(!titles.includes('Ignore no-checklist on this line'), titles.join(', '));
    const a = service.codeActions(d, f.range).find((x) => x.title === 'Ignore no-checklist in this document')!;
    assert.deepEqual(service.diagnostics(doc(apply(text, a))).filter((x) => x.code === 'no-checklist'), []);
  });

  it('only quick fixes are asked for: none with another kind', () => {
    const d = doc(CONTEXTS);
    assert.deepEqual(service.codeActions(d, { start: { line: 4, character: 0 }, end: { line: 4, character: 5 } }, ['source']).filter((a) => a.title.startsWith('Ignore')), []);
  });
});

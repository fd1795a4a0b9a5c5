import assert from 'node:assert/strict';
import { analyseIncremental, analyseText, analyseTextWhole } from '../../server/src/service/model/index';
import { splitChunks } from '../../server/src/service/model/parse';
import { readFileSync } from 'node:fs';
import { EXAMPLE, readSeed, SMALL, needsShared } from '../support/docs';

const strip = (m: ReturnType<typeof analyseText>) => JSON.stringify({ ...m, lines: undefined });

describe('document model', () => {
  describe('on the KServe seed', () => {
    needsShared();
    const text = readSeed();
    const m = analyseText(text);

    it('reads title, project and level', () => {
      assert.equal(m.title?.text, 'KServe Incubation Due Diligence');
      assert.equal(m.project, 'KServe');
      assert.equal(m.level, 'Incubation');
    });
    it('finds 6 checklist areas plus the summary', () => {
      assert.deepEqual(m.areas.map((a) => a.kind), ['summary', 'checklist', 'checklist', 'checklist', 'checklist', 'checklist', 'checklist']);
      assert.deepEqual(m.areas.slice(1).map((a) => a.name), ['Application Process Principles', 'Governance and Maintainers', 'Contributors and Community', 'Engineering Principles', 'Security', 'Ecosystem']);
    });
    it('finds 44 criteria of which 18 are checked', () => {
      assert.equal(m.criteria.length, 44);
      assert.equal(m.criteria.filter((c) => c.checked).length, 18);
    });
    it('tolerates "### Required " with trailing spaces and marks N/A levels', () => {
      const eng = m.areas.find((a) => a.name === 'Engineering Principles')!;
      assert.deepEqual(eng.levels.map((l) => [l.kind, l.criteria.length]), [['suggested', 2], ['required', 5]]);
      const sec = m.areas.find((a) => a.name === 'Security')!;
      assert.equal(sec.levels[0]!.notApplicable, true);
    });
    it('finds 21 TODOs from two owners, compared case-insensitively', () => {
      assert.equal(m.todos.length, 21);
      const byOwner = new Map<string, number>();
      for (const t of m.todos) byOwner.set(t.ownerKey, (byOwner.get(t.ownerKey) ?? 0) + 1);
      assert.deepEqual([...byOwner], [['kserve team', 18], ['kevin', 3]]);
    });
    it('runs a TODO written "**TODO for X:**" over the list that follows it', () => {
      const t = m.todos.find((x) => x.text.startsWith('1. Add SECURITY.md'))!;
      assert.ok(t, 'the SECURITY.md TODO');
      assert.match(t.text, /2\. Link SECURITY\.md from all contributor guides/);
      assert.equal(t.owner, 'KServe Team');
    });
    it('finds every placeholder', () => {
      const texts = m.placeholders.map((p) => p.text);
      for (const t of ['$TOCMEMBER', '$LEVEL', '[has/has not]', '$NOTABLES', '$BLOCKERS', '$RECOMMENDATIONS', '[in use/too early]', '$INTERVIEWSUMMARY', '$CONDITIONS', 'DD-MMM-YYYY', '$LINK', '$COMPANY', '$INDUSTRY', 'MONTH YEAR']) {
        assert.ok(texts.includes(t), `missing ${t}`);
      }
      assert.equal(texts.filter((t) => t === '$COMPANY').length, 3);
      assert.equal(texts.filter((t) => t === 'MONTH YEAR').length, 3);
      assert.ok(texts.some((t) => t.startsWith('[The TOC has found')), 'the long bracketed choice of the final assessment');
      assert.ok(!texts.some((t) => t.includes('readme of kserve/community repo')), 'link text is not a choice');
    });
    it('gives a criterion the text and comments that are not indented under it', () => {
      const c = m.criteria.find((x) => x.title.startsWith('Clearly defined and discoverable process to report security issues'))!;
      assert.equal(c.comments.length, 1);
      assert.match(c.evaluation, /security vulnerability reporting process/);
      assert.equal(c.todos.length, 1);
      assert.ok(c.evidence.length >= 1);
    });
    it('extracts inline links, autolinks and bare URLs with their kinds', () => {
      const syntaxes = new Set(m.links.map((l) => l.syntax));
      assert.ok(syntaxes.has('inline') && syntaxes.has('autolink') && syntaxes.has('bare'));
      const auto = m.links.find((l) => l.syntax === 'autolink')!;
      assert.equal(text.slice(auto.urlSpan!.start, auto.urlSpan!.end), auto.url);
    });
    it('reports the scheme-less and the glued link', () => {
      assert.deepEqual(m.malformedLinks.map((x) => [x.reason, x.url]), [
        ['no-scheme', 'sandbox.cncf.io'],
        ['glued', 'https://github.com/kserve/models-web-app/blob/master/OWNERS'],
      ]);
    });
    it('chunked parsing gives the same model as one whole parse', () => {
      assert.ok(splitChunks(text).length > 5);
      assert.equal(strip(m), strip(analyseTextWhole(text)));
    });
  });

  describe('details', () => {
    it('accepts the colon inside or outside the bold of a TODO, and DONE as resolved', () => {
      const m = analyseText('- [ ] **A**\n\n  **TODO for X team**: one\n\n  **TODO for X Team:** two\n\n  **DONE for X team**: three\n\n  ~~**TODO for Y**: four~~\n');
      assert.deepEqual(m.todos.map((t) => [t.owner, t.text, t.resolved]), [['X team', 'one', false], ['X Team', 'two', false], ['X team', 'three', true], ['Y', 'four', true]]);
    });
    it('does not take a TODO mentioned in the middle of a sentence', () => {
      const m = analyseText('We discussed the **TODO for X** items.\n');
      assert.equal(m.todos.length, 0);
    });
    it('keeps nested task items as sub-items of their criterion', () => {
      const m = analyseText('### Required\n\n- [ ] **Crit**\n   - [ ] Met during Project\'s application on DD-MMM-YYYY.\n   - [x] Met again\n- [x] **Second**\n');
      assert.equal(m.criteria.length, 2);
      assert.deepEqual(m.criteria[0]!.subItems.map((s) => s.checked), [false, true]);
      assert.equal(m.criteria[0]!.level, 'required');
    });
    it('resolves reference links defined in another area', () => {
      const text = '## A\n\n- [x] **One**\n\n  See [the charter][charter].\n\n## B\n\n[charter]: https://example.org/charter.md\n';
      const m = analyseText(text);
      const ref = m.links.find((l) => l.syntax === 'reference')!;
      assert.equal(ref.url, 'https://example.org/charter.md');
      assert.deepEqual(m.criteria[0]!.evidence, [ref.index]);
      assert.equal(strip(m), strip(analyseTextWhole(text)));
    });
    it('does not split chunks inside fenced code or HTML comments', () => {
      const text = '## A\n\n```\n## not a heading\n```\n\n<!--\n## not one either\n-->\n\n## B\n';
      assert.equal(splitChunks(text).length, 2);
      const m = analyseText(text);
      assert.deepEqual(m.areas.map((a) => a.name), ['A', 'B']);
      assert.equal(strip(m), strip(analyseTextWhole(text)));
    });
    it('a one-shot parse of neighbouring chunks together gives the same model, and refuses what the split parse refuses', () => {
      const strip = (m: ReturnType<typeof analyseText>) => JSON.stringify({ ...m, lines: undefined });
      const text = readFileSync(EXAMPLE, 'utf8');
      assert.ok(splitChunks(text).length > 5);
      assert.equal(strip(analyseIncremental(text, undefined, undefined, undefined, 8_000).model), strip(analyseText(text)));
      const refusal = (f: () => unknown): string => {
        try {
          f();
          return 'not refused';
        } catch (e) {
          return String(e);
        }
      };
      // a part too deeply nested, with small parts before and after it (all within one coalesced piece)
      const hostile = '# D\n\n## A\n\nok\n\n## B\n\n' + '>'.repeat(70) + ' x\n\n## C\n\nfine\n';
      const split = refusal(() => analyseIncremental(hostile));
      assert.match(split, /levels deep/);
      assert.equal(refusal(() => analyseIncremental(hostile, undefined, undefined, undefined, 8_000)), split);
    });

    it('splits at every ATX heading level, and the chunked parse still equals a whole parse', () => {
      const text = '# T\n\n## A\n\n### Suggested\n\n- [ ] **One**\n\n### Required\n\nN/A\n\n#### Note\n\n####### not a heading\n\n## B\n\n### Required\n\nN/A\n';
      assert.deepEqual(splitChunks(text).map((c) => text.slice(c.start, c.end).split('\n')[0]), ['# T', '## A', '### Suggested', '### Required', '#### Note', '## B', '### Required']);
      assert.equal(strip(analyseText(text)), strip(analyseTextWhole(text)));
    });
    it('also splits after a blank line before a paragraph at column 0 (a document without headings is not one chunk), not inside a list, a fence or an HTML block', () => {
      // (16 KB apart at least: each parse has a fixed cost)
      const pad = `${'word '.repeat(3_300)}\n\n`;
      const text = `Intro\n\n${pad}- [ ] **One**\n\n  still the item\n\n${pad}Text after the list\n\n${pad}\`\`\`\n\n${pad}not here\n\`\`\`\n\n<div>\n\n${pad}</div>\n\nLast\n`;
      assert.deepEqual(splitChunks(text).map((c) => text.slice(c.start, c.end).slice(0, 18)), ['Intro\n\nword word w', 'word word word wor', 'Text after the lis', 'word word word wor', 'Last\n']);
      assert.equal(strip(analyseText(text)), strip(analyseTextWhole(text)));
      // a lone CR is a line break to the parser, not to the splitter: such a text is cut at headings only
      const cr = 'a\r<!--\n\nnot here -->\n';
      assert.equal(splitChunks(cr).length, 1);
    });
    it('places bare URLs that remark-gfm leaves without a position where they stand (after an unclosed `[`)', () => {
      for (const text of ['## A\n\n[x: https://example.org/r\n', '## A\n\nx [a: https://example.org/r and more\n', '## A\n\nex[has/has.org<[ref]: https://example.org/r\n']) {
        const m = analyseText(text);
        assert.equal(m.links.length, 1, text);
        const l = m.links[0]!;
        assert.equal(text.slice(l.span.start, l.span.end), 'https://example.org/r', text);
        assert.equal(text.slice(l.urlSpan!.start, l.urlSpan!.end), 'https://example.org/r', text);
        assert.equal(strip(m), strip(analyseTextWhole(text)));
      }
    });
    it('sees a fence opened right after a BOM (the parser reads the BOM as a space)', () => {
      const text = '\uFEFF```\n## inside the fence\n```\n\n## After\n';
      assert.equal(splitChunks(text).length, 2);
      assert.equal(strip(analyseText(text)), strip(analyseTextWhole(text)));
    });
    it('does not end an HTML block at a line of non-breaking spaces (not blank for CommonMark)', () => {
      const text = '## A\n\n<div>\n \u00a0\n## inside the div\n</div>\n\n## B\n';
      assert.equal(splitChunks(text).length, 2);
      assert.equal(strip(analyseText(text)), strip(analyseTextWhole(text)));
    });
    it('ignores placeholders in code and comments, finds YYYY-MM-DD in paths', () => {
      const m = analyseText('`$LEVEL` and\n\n```\n$PROJECT\n```\n\n<!-- $TOCMEMBER -->\n\nSee [review](https://github.com/cncf/toc/blob/main/reviews/YYYY-MM-DD-acme.md) for $5 and $PROJECT.\n');
      assert.deepEqual(m.placeholders.map((p) => [p.kind, p.text]), [['path-date', 'YYYY-MM-DD'], ['token', '$PROJECT']]);
    });
    it('handles CRLF, a BOM and non-ASCII text with exact ranges', () => {
      const text = '\uFEFF# Ünïcode 🚀 Incubation Due Diligence\r\n\r\n## Área\r\n\r\n### Required\r\n\r\n- [ ] **Critère 🚀**\r\n\r\n  $LEVEL\r\n';
      const m = analyseText(text);
      assert.equal(m.criteria[0]!.title, 'Critère 🚀');
      const p = m.placeholders[0]!;
      assert.equal(text.slice(p.span.start, p.span.end), '$LEVEL');
      assert.deepEqual(m.lines.positionAt(p.span.start), { line: 8, character: 2 });
      assert.equal(text.slice(m.criteria[0]!.titleSpan.start, m.criteria[0]!.titleSpan.end), '**Critère 🚀**');
    });
    it('finds empty and space-containing link targets (a target in angle brackets may hold spaces)', () => {
      const m = analyseText('- [ ] **A**\n\n  [empty]() and [spaced](docs/my file.md) and [ok](<docs/a b.md>)\n');
      assert.deepEqual(m.malformedLinks.map((x) => [x.reason, x.url]), [['empty', ''], ['spaces', 'docs/my file.md']]);
    });
    it('reads the project from the summary heading when there is no H1', () => {
      const m = analyseText('## Graduation Evaluation Summary for Flux\n\ntext\n');
      assert.equal(m.project, 'Flux');
      assert.equal(m.level, 'Graduation');
      assert.equal(m.title?.text, 'Graduation Evaluation Summary for Flux');
    });
    it('has an evaluation only when the body says more than the template', () => {
      const m = analyseText(SMALL);
      assert.deepEqual(m.criteria.map((c) => c.evaluation !== ''), [true, false, false, true, true]);
    });
  });
});

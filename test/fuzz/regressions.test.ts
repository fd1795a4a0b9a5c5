/** Bugs the property tests found, each kept as a plain example. */
import assert from 'node:assert/strict';
import { createDiligenceService } from '../../server/src/service/index';
import { analyseText, analyseTextWhole } from '../../server/src/service/model/index';

const strip = (m: ReturnType<typeof analyseText>) => JSON.stringify({ ...m, lines: undefined });

describe('fuzz: regressions', () => {
  it('completion at a position past the end of the document answers inside the document', () => {
    const service = createDiligenceService();
    const items = service.completion({ uri: 'file:///a.md', version: 1, getText: () => '**DONE for Y**: ok\n' }, { line: 2, character: 11 });
    for (const i of items) {
      const r = i.textEdit && 'range' in i.textEdit ? i.textEdit.range : undefined;
      assert.ok(!r || r.start.line <= 1, JSON.stringify(r));
    }
  });

  it('a BOM before an HTML comment: chunked parsing does not split inside the comment', () => {
    for (const text of ['\uFEFF<!--\n# ', '\uFEFF```\n# x\n', '\uFEFF<div>\n## y\n']) {
      assert.equal(strip(analyseText(text)), strip(analyseTextWhole(text)), JSON.stringify(text));
    }
    assert.equal(analyseText('\uFEFF<!--\n# T\n').headings.length, 0);
  });

  it('an autolink at the start of a line, then a fence: chunked parsing does not split inside the fence', () => {
    for (const text of [' <https://x.org>\n ```\n\n## Governance', ' <https://x.org># Acme Incubation Due Diligence\n~~~\n\n# ', '<b>x</b>\n<!--\n\n## In comment\n']) {
      assert.equal(strip(analyseText(text)), strip(analyseTextWhole(text)), JSON.stringify(text));
    }
  });
});

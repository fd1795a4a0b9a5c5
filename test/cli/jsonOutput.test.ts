import assert from 'node:assert/strict';
import fc from 'fast-check';
import { readFileSync } from 'node:fs';
import { filesJson, type JsonFile } from '../../server/src/cli/jsonOutput';
import { createDiligenceService } from '../../server/src/service/index';
import { doc, EXAMPLE } from '../support/docs';

/** What `check --format json` printed before: one JSON.stringify of the whole. */
const reference = (files: JsonFile[]): string => JSON.stringify({ files }, null, 2) + '\n';

/** The bytes written, as text (after checking they are the UTF-8 of the reference, byte for byte). */
function written(files: JsonFile[]): string {
  const bytes = filesJson(files);
  const text = new TextDecoder().decode(bytes);
  if (text === reference(files)) assert.ok(Buffer.from(bytes).equals(Buffer.from(text, 'utf8')), 'not the UTF-8 of the reference');
  return text;
}

describe('CLI: check --format json writes the bytes of JSON.stringify({ files }, null, 2)', () => {
  it('on the example document\'s diagnostics, on no file and on a file without diagnostics', () => {
    const service = createDiligenceService({ oneShot: true });
    const diagnostics = service.diagnostics(doc(readFileSync(EXAMPLE, 'utf8'))).map((d) => ({ code: d.code, severity: 'warning', message: typeof d.message === 'string' ? d.message : d.message.value, range: d.range }));
    assert.ok(diagnostics.length > 10);
    for (const files of [[{ path: 'examples/acme.md', diagnostics }], [], [{ path: 'a.md', diagnostics: [] }, { path: 'b "quoted".md', diagnostics }]]) {
      assert.equal(written(files), reference(files));
    }
  });

  it('on any strings and numbers, and values of another shape (through JSON.stringify)', () => {
    const position = fc.record({ line: fc.oneof(fc.nat(), fc.integer(), fc.constant(-0), fc.double(), fc.constant(2 ** 40), fc.constantFrom(0, 9, 10, 99, 100, 4294967295)), character: fc.nat() });
    const diagnostic = fc.record({
      code: fc.oneof(fc.string(), fc.constant(undefined), fc.integer()),
      severity: fc.constantFrom('error', 'warning', 'information', 'hint'),
      message: fc.oneof(fc.string({ unit: 'binary' }), fc.constantFrom('a\nb', 'quote " and \\ backslash', '\u2028\u2029', '\ud800 lone', '')),
      range: fc.oneof(fc.record({ start: position, end: position }), fc.record({ start: position, end: position, extra: fc.nat() })),
    });
    const file = fc.record({ path: fc.string({ unit: 'binary' }), diagnostics: fc.array(diagnostic, { maxLength: 5 }) });
    fc.assert(fc.property(fc.array(file, { maxLength: 4 }), (files) => {
      assert.equal(written(files), reference(files));
    }), { numRuns: 300, seed: 20261202 });
  });
});

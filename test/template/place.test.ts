import * as assert from 'node:assert/strict';
import { OPEN_UNTIL, OpenScan } from '../../server/src/service/template/place';

/** The definition, asked of one prefix at a time (what the scan must answer for every offset). */
function endsOpenReference(text: string): boolean {
  if ((text.match(/^ {0,3}(?:`{3}|~{3})/gm)?.length ?? 0) % 2 === 1) return true;
  const lower = text.replace(/[A-Z]+/g, (s) => s.toLowerCase());
  return OPEN_UNTIL.some(([open, close]) => {
    const o = lower.lastIndexOf(open);
    return o >= 0 && !lower.includes(close, o);
  });
}

/** a small seeded generator (mulberry32) */
function rng(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

describe('template place: where inserted text would be swallowed (OpenScan)', () => {
  const pieces = ['\n', '\n```\n', '\n~~~\n', '   ```', '    ```', '<!--', '-->', '<!-->', '<Script>', '</SCRIPT>', '<pre', '</pre>', '<style', '</style>', '<textarea', '</textarea>', '<?', '?>', '<![CDATA[', ']]>', 'text ', '- [ ] **C**\n', 'İ', '`', '<', '>', '-', '!'];

  it('answers as the prefix definition does, at every offset of generated texts', () => {
    const random = rng(20261202);
    for (let n = 0; n < 300; n++) {
      let text = '';
      const len = 1 + Math.floor(random() * 30);
      for (let i = 0; i < len; i++) text += pieces[Math.floor(random() * pieces.length)];
      const scan = new OpenScan(text);
      for (let offset = 0; offset <= text.length; offset++) {
        assert.equal(scan.endsOpen(offset), endsOpenReference(text.slice(0, offset)), `offset ${offset} of ${JSON.stringify(text)}`);
      }
    }
  });

  it('a closed comment and fence before the offset leave it open to text; an unclosed one does not', () => {
    const text = '<!-- a -->\n\n```\ncode\n```\n\nafter\n<!-- open\n';
    const scan = new OpenScan(text);
    assert.equal(scan.endsOpen(text.indexOf('after')), false);
    assert.equal(scan.endsOpen(text.indexOf('code')), true);
    assert.equal(scan.endsOpen(text.length), true);
  });
});

import assert from 'node:assert/strict';
import { partitionPoint } from '../../server/src/service/text/binarySearch';
import { LineIndex } from '../../server/src/service/text/lineIndex';

describe('partitionPoint (the one binary search)', () => {
  it('is the length of the prefix for which the predicate holds, on every split', () => {
    const xs = [1, 3, 3, 5, 8, 13];
    for (let x = 0; x <= 14; x++) {
      assert.equal(partitionPoint(xs, (v) => v <= x), xs.filter((v) => v <= x).length, `x = ${x}`);
      assert.equal(partitionPoint(xs, (v) => v < x), xs.filter((v) => v < x).length, `x = ${x}`);
    }
  });

  it('is 0 on an empty array and never calls the predicate there', () => {
    assert.equal(partitionPoint([], () => assert.fail('called')), 0);
  });

  it('places every offset of a text on its line', () => {
    const text = 'a\n\nbc\r\nd';
    const lines = new LineIndex(text);
    let line = 0;
    let start = 0;
    for (let o = 0; o <= text.length; o++) {
      assert.deepEqual(lines.positionAt(o), { line, character: o - start }, `offset ${o}`);
      if (text[o] === '\n') {
        line++;
        start = o + 1;
      }
    }
  });
});

/**
 * Limits on what the markdown parser is given. remark (micromark) slows down superlinearly on one
 * long paragraph full of unclosed inline constructs (`*`, `[`, `` ` ``): 80,000 characters of
 * `*e* a ` took seconds and a 1 MB line did not finish in 90 s (test/protocol/hostile.test.ts).
 * A block without a blank line longer than this is not analysed; the user is told so.
 */
export const MAX_BLOCK_CHARS = 100_000;

/** A chunk holds a block longer than MAX_BLOCK_CHARS: the document is not analysed. */
export class BlockTooLongError extends Error {
  constructor(readonly length: number) {
    super(`a block of ${length} characters without a blank line`);
    this.name = 'BlockTooLongError';
  }
}

/**
 * Length of the longest run of non-blank lines (what one paragraph can span), in characters,
 * in `text` or in its part `[from, to)` (which starts at a line start).
 */
export function longestBlock(text: string, from = 0, to = text.length): number {
  let longest = 0;
  let blockStart = -1; // where the current run of non-blank lines starts; -1 outside one
  let lineStart = from;
  let lineBlank = true;
  for (let i = from; i <= to; i++) {
    const c = i < to ? text.charCodeAt(i) : 10;
    if (c === 13 && text.charCodeAt(i + 1) === 10) continue;
    if (c === 10 || c === 13) {
      if (lineBlank) blockStart = -1;
      else {
        if (blockStart < 0) blockStart = lineStart;
        longest = Math.max(longest, i - blockStart);
      }
      lineStart = i + 1;
      lineBlank = true;
    } else if (c !== 32 && c !== 9) lineBlank = false;
  }
  return longest;
}

/** A criterion's evaluation text: its body less the template's words, memoised across builds. */

/**
 * Memo of the evaluation text by the body it is computed from: most bodies are unchanged between
 * two versions. Generational, so it holds at most two builds' worth of entries. One per model
 * store (each service instance has its own); a build without one gets a fresh one.
 */
export class EvaluationMemo {
  private old = new Map<string, string[]>();
  private young = new Map<string, string[]>();
  get(key: string): string[] | undefined {
    let v = this.young.get(key);
    if (v === undefined) {
      v = this.old.get(key);
      if (v !== undefined) this.young.set(key, v);
    }
    return v;
  }
  set(key: string, v: string[]): void {
    this.young.set(key, v);
  }
  /** ends a build: what it did not use is dropped at the end of the next one */
  next(): void {
    this.old = this.young;
    this.young = new Map();
  }
}

const PART_BREAK = /\n[^\S\n]*\n|\n(?=[^\S\n]*(?:[*+-]|\d{1,9}[.)])[^\S\n])/;

/**
 * A body's paragraphs (and list items), each with its words only (comments and list markers
 * out); those with no letter or digit dropped.
 */
export function evaluationPartsOf(body: string, memo: EvaluationMemo): string[] {
  const hit = memo.get(body);
  if (hit !== undefined) return hit;
  const parts: string[] = [];
  for (const raw of body.replace(/<!--[\s\S]*?(-->|$)/g, ' ').split(PART_BREAK)) {
    const words = raw.replace(/^[^\S\n\r\u2028\u2029]*(?:[*+-]|\d+[.)])\s+/gm, ' ').replace(/\s+/g, ' ').trim();
    if (/[\p{L}\p{N}]/u.test(words)) parts.push(words);
  }
  memo.set(body, parts);
  return parts;
}

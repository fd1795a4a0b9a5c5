/** A criterion's evaluation text: its body less the template's words, memoised across builds. */

/**
 * Memo of the evaluation text by the body it is computed from: most bodies are unchanged between
 * two versions. Generational, so it holds at most two builds' worth of entries. One per model
 * store (each service instance has its own); a build without one gets a fresh one.
 */
export class EvaluationMemo {
  private old = new Map<string, string>();
  private young = new Map<string, string>();
  get(key: string): string | undefined {
    let v = this.young.get(key);
    if (v === undefined) {
      v = this.old.get(key);
      if (v !== undefined) this.young.set(key, v);
    }
    return v;
  }
  set(key: string, v: string): void {
    this.young.set(key, v);
  }
  /** ends a build: what it did not use is dropped at the end of the next one */
  next(): void {
    this.old = this.young;
    this.young = new Map();
  }
}

/** The words of a body (comments and list markers out), or '' when there are none. */
export function evaluationOf(body: string, memo: EvaluationMemo): string {
  const hit = memo.get(body);
  if (hit !== undefined) return hit;
  const words = body.replace(/<!--[\s\S]*?(-->|$)/g, ' ').replace(/^[^\S\n\r\u2028\u2029]*(?:[*+-]|\d+[.)])\s+/gm, ' ').replace(/\s+/g, ' ').trim();
  const evaluation = /[\p{L}\p{N}]/u.test(words) ? words : '';
  memo.set(body, evaluation);
  return evaluation;
}

/**
 * YAML front matter at the very start of a document: not markdown (the model skips it), and
 * the few fields Diligence reads (`repositories:`, `profile:`). Only the simple forms are
 * understood — a scalar, a flow list `[a, b]` or a block list of `- item` lines; anything else
 * is ignored, never an error.
 */
import { withoutLineComment } from '../text/trim';

export interface FrontMatter {
  fields: Map<string, string | string[]>;
}

function unquote(s: string): string {
  const t = s.trim();
  return /^(['"]).*\1$/.test(t) ? t.slice(1, -1) : t;
}

/** The front-matter block: its lines and the offset after its closing `---` line (0: none). */
function block(text: string): { lines: string[]; end: number } | undefined {
  const m = /^(?:\uFEFF)?---\r?\n/.exec(text);
  if (!m) return undefined;
  const lines: string[] = [];
  let pos = m[0].length;
  while (pos < text.length && lines.length < 500) {
    let nl = text.indexOf('\n', pos);
    if (nl < 0) nl = text.length;
    const line = text.slice(pos, nl).replace(/\r$/, '');
    pos = Math.min(text.length, nl + 1);
    if (/^(---|\.\.\.)\s*$/.test(line)) return { lines, end: pos };
    lines.push(line);
  }
  return undefined;
}

/**
 * `key: value  # comment` → key and value (before the first `#`, trimmed): what
 * `/^([A-Za-z_][\w-]*)\s*:\s*(.*?)\s*(?:#.*)?$/` gives, without its quadratic backtracking.
 */
export function keyValue(line: string): { key: string; value: string } | undefined {
  const k = /^[A-Za-z_][\w-]*/.exec(line);
  if (!k) return undefined;
  let i = k[0].length;
  while (i < line.length && /\s/.test(line[i]!)) i++;
  if (line[i] !== ':') return undefined;
  const rest = line.slice(i + 1);
  const hash = rest.indexOf('#');
  return { key: k[0], value: (hash < 0 ? rest : rest.slice(0, hash)).trim() };
}

/** The offset where the document's markdown starts: after the front matter, 0 without one. */
export function frontMatterEnd(text: string): number {
  return block(text)?.end ?? 0;
}

export function readFrontMatter(text: string): FrontMatter | undefined {
  const b = block(text);
  if (!b) return undefined;
  const lines = b.lines;
  const fields = new Map<string, string | string[]>();
  for (let i = 0; i < lines.length; i++) {
    const kv = keyValue(lines[i]!);
    if (!kv) continue;
    const key = kv.key.toLowerCase();
    const value = kv.value;
    if (value.startsWith('[')) {
      fields.set(key, value.replace(/^\[|\]$/g, '').split(',').map(unquote).filter(Boolean));
    } else if (value === '') {
      const items: string[] = [];
      while (i + 1 < lines.length && /^\s*-\s+/.test(lines[i + 1]!)) items.push(unquote(withoutLineComment(lines[++i]!.replace(/^\s*-\s+/, ''))));
      fields.set(key, items);
    } else {
      fields.set(key, unquote(value));
    }
  }
  return { fields };
}

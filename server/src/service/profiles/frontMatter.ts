/**
 * The few front-matter fields Diligence reads (`repositories:`, `profile:`), from a YAML block
 * at the very start of the document. Only the simple forms are understood — a scalar, a flow
 * list `[a, b]` or a block list of `- item` lines; anything else is ignored, never an error.
 */

export interface FrontMatter {
  fields: Map<string, string | string[]>;
}

function unquote(s: string): string {
  const t = s.trim();
  return /^(['"]).*\1$/.test(t) ? t.slice(1, -1) : t;
}

export function readFrontMatter(text: string): FrontMatter | undefined {
  const m = /^(?:\uFEFF)?---\r?\n/.exec(text);
  if (!m) return undefined;
  const lines: string[] = [];
  let pos = m[0].length;
  let closed = false;
  while (pos < text.length && lines.length < 500) {
    let nl = text.indexOf('\n', pos);
    if (nl < 0) nl = text.length;
    const line = text.slice(pos, nl).replace(/\r$/, '');
    pos = nl + 1;
    if (/^(---|\.\.\.)\s*$/.test(line)) {
      closed = true;
      break;
    }
    lines.push(line);
  }
  if (!closed) return undefined;
  const fields = new Map<string, string | string[]>();
  for (let i = 0; i < lines.length; i++) {
    const kv = /^([A-Za-z_][\w-]*)\s*:\s*(.*?)\s*(?:#.*)?$/.exec(lines[i]!);
    if (!kv) continue;
    const key = kv[1]!.toLowerCase();
    const value = kv[2]!;
    if (value.startsWith('[')) {
      fields.set(key, value.replace(/^\[|\]$/g, '').split(',').map(unquote).filter(Boolean));
    } else if (value === '') {
      const items: string[] = [];
      while (i + 1 < lines.length && /^\s*-\s+/.test(lines[i + 1]!)) items.push(unquote(lines[++i]!.replace(/^\s*-\s+/, '').replace(/\s+#.*$/, '')));
      fields.set(key, items);
    } else {
      fields.set(key, unquote(value));
    }
  }
  return { fields };
}

/**
 * A small YAML reader for the subset CNCF's `.project` files use (project.yaml, maintainers.yaml):
 * block mappings and sequences, `- key: value` items, plain, single- and double-quoted scalars,
 * literal/folded block scalars, flow sequences of scalars (`[core, docs]`), empty `{}`, comments.
 * No anchors, aliases, tags or complex keys: they are refused, so a hostile file cannot expand.
 * Bounded: size, depth and node count. Values are strings, booleans, null, arrays and objects
 * without a prototype (a key `__proto__` is a key like any other). Pure: no Node import.
 */

export class YamlError extends Error {
  constructor(message: string, readonly line: number) {
    super(`line ${line}: ${message}`);
  }
}

export type YamlValue = string | boolean | null | YamlValue[] | { [key: string]: YamlValue };

export const YAML_LIMITS = { maxBytes: 512 * 1024, maxDepth: 32, maxNodes: 50_000 };

interface Line {
  /** 1-based */
  no: number;
  indent: number;
  /** the content after the indentation, comment removed, right-trimmed */
  text: string;
}

/** `#` starts a comment at the line's start or after a blank, outside quotes. */
function stripComment(s: string): string {
  let quote = '';
  for (let i = 0; i < s.length; i++) {
    const c = s[i]!;
    if (quote) {
      if (c === '\\' && quote === '"') i++;
      else if (c === quote) quote = '';
    } else if (c === '"' || c === "'") {
      if (i === 0 || /[\s[{,:-]/.test(s[i - 1]!)) quote = c;
    } else if (c === '#' && (i === 0 || s[i - 1] === ' ' || s[i - 1] === '\t')) {
      return s.slice(0, i);
    }
  }
  return s;
}

function splitLines(text: string): { lines: Line[]; raw: string[] } {
  const raw = text.replace(/^\uFEFF/, '').split(/\r?\n/);
  const lines: Line[] = [];
  raw.forEach((r, i) => {
    const indent = /^ */.exec(r)![0].length;
    if (r[indent] === '\t' && r.slice(indent).trim() !== '') throw new YamlError('a tab in the indentation', i + 1);
    const text = stripComment(r.slice(indent)).trimEnd();
    if (text === '') return;
    if (i === 0 || lines.length === 0) {
      if (text === '---') return;
    }
    if (indent === 0 && (text === '---' || text === '...')) throw new YamlError('only one YAML document is read', i + 1);
    lines.push({ no: i + 1, indent, text });
  });
  return { lines, raw };
}

/**
 * "key: rest" → the key as written and where the value starts; undefined when the line is not a
 * mapping entry. One linear scan (no regular expression: lines are other people's text).
 */
function keyOf(text: string): { key: string; valueAt: number } | undefined {
  let end: number;
  const c = text[0];
  if (c === '"' || c === "'") {
    let i = 1;
    for (; i < text.length; i++) {
      if (c === '"' && text[i] === '\\') i++;
      else if (text[i] === c) {
        if (c === "'" && text[i + 1] === "'") i++;
        else break;
      }
    }
    if (i >= text.length) return undefined;
    end = i + 1;
    while (text[end] === ' ') end++;
    if (text[end] !== ':') return undefined;
  } else {
    if (c === undefined || '#:[]{},&*!|>?%@`'.includes(c) || (c === '-' && (text[1] === ' ' || text[1] === undefined))) return undefined;
    end = -1;
    for (let i = 1; i < text.length; i++) {
      if (text[i] === ':' && (i + 1 === text.length || text[i + 1] === ' ')) {
        end = i;
        break;
      }
    }
    if (end < 0) return undefined;
  }
  let valueAt = end + 1;
  while (text[valueAt] === ' ') valueAt++;
  return { key: text.slice(0, end).trimEnd(), valueAt };
}

class Reader {
  private at = 0;
  private nodes = 0;
  constructor(private readonly lines: Line[], private readonly raw: string[]) {}

  parse(): YamlValue {
    if (this.lines.length === 0) return null;
    const v = this.block(this.lines[0]!.indent, 0);
    if (this.at < this.lines.length) throw new YamlError('unexpected indentation', this.lines[this.at]!.no);
    return v;
  }

  private count(line: number): void {
    if (++this.nodes > YAML_LIMITS.maxNodes) throw new YamlError('too many values', line);
  }

  private block(indent: number, depth: number): YamlValue {
    const first = this.lines[this.at]!;
    if (depth > YAML_LIMITS.maxDepth) throw new YamlError('nested too deeply', first.no);
    if (first.text === '-' || first.text.startsWith('- ')) return this.sequence(indent, depth);
    return this.mapping(indent, depth);
  }

  private sequence(indent: number, depth: number): YamlValue[] {
    const out: YamlValue[] = [];
    while (this.at < this.lines.length) {
      const l = this.lines[this.at]!;
      if (l.indent < indent) break;
      if (l.indent > indent) throw new YamlError('unexpected indentation', l.no);
      if (l.text !== '-' && !l.text.startsWith('- ')) break;
      this.count(l.no);
      const rest = l.text.slice(1);
      const inner = rest.trimStart();
      if (inner === '') {
        this.at++;
        const next = this.lines[this.at];
        out.push(next && next.indent > indent ? this.block(next.indent, depth + 1) : null);
        continue;
      }
      // "- key: value" or "- - x": the item is a block starting on this line
      const col = indent + 1 + (rest.length - inner.length);
      if (inner === '-' || inner.startsWith('- ') || keyOf(inner)) {
        this.lines[this.at] = { no: l.no, indent: col, text: inner };
        out.push(this.block(col, depth + 1));
        continue;
      }
      this.at++;
      out.push(this.scalarValue(inner, l, indent));
    }
    return out;
  }

  private mapping(indent: number, depth: number): { [key: string]: YamlValue } {
    const out = Object.create(null) as { [key: string]: YamlValue };
    while (this.at < this.lines.length) {
      const l = this.lines[this.at]!;
      if (l.indent < indent) break;
      if (l.indent > indent) throw new YamlError('unexpected indentation', l.no);
      if (l.text === '-' || l.text.startsWith('- ')) break;
      const m = keyOf(l.text);
      if (!m) throw new YamlError(l.text.startsWith('?') ? 'complex keys are not read' : 'expected "key: value"', l.no);
      this.count(l.no);
      const key = unquote(m.key, l.no);
      const value = l.text.slice(m.valueAt);
      this.at++;
      if (value === '') {
        const next = this.lines[this.at];
        if (next && next.indent > indent) out[key] = this.block(next.indent, depth + 1);
        else if (next && next.indent === indent && (next.text === '-' || next.text.startsWith('- '))) out[key] = this.sequence(indent, depth + 1);
        else out[key] = null;
      } else {
        out[key] = this.scalarValue(value, l, indent);
      }
    }
    return out;
  }

  /** A value on its line (plus continuation lines for plain scalars and block scalars). */
  private scalarValue(s: string, l: Line, parentIndent: number): YamlValue {
    const c = s[0]!;
    if (c === '&' || c === '*' || c === '!') throw new YamlError('anchors, aliases and tags are not read', l.no);
    if (c === '|' || c === '>') return this.blockScalar(s, l, parentIndent);
    if (c === '[') return flowSequence(s, l.no);
    if (c === '{') {
      if (/^\{\s*\}$/.test(s)) return Object.create(null) as { [key: string]: YamlValue };
      throw new YamlError('flow mappings are not read', l.no);
    }
    if (c === '"' || c === "'") return unquote(s, l.no);
    // a plain scalar may go on over more indented lines
    let text = s;
    while (this.at < this.lines.length && this.lines[this.at]!.indent > parentIndent && !keyOf(this.lines[this.at]!.text) && !this.lines[this.at]!.text.startsWith('- ')) {
      text += ' ' + this.lines[this.at]!.text;
      this.at++;
    }
    return plain(text);
  }

  private blockScalar(header: string, l: Line, parentIndent: number): string {
    const m = /^([|>])([-+]?)\d?$/.exec(header);
    if (!m) throw new YamlError('unreadable block scalar header', l.no);
    const parts: string[] = [];
    let indent = -1;
    // the raw lines (comments are text inside a block scalar), up to the next less indented one
    let i = l.no;
    for (; i < this.raw.length; i++) {
      const r = this.raw[i]!;
      if (r.trim() === '') {
        parts.push('');
        continue;
      }
      const ind = /^ */.exec(r)![0].length;
      if (ind <= parentIndent) break;
      if (indent < 0) indent = ind;
      if (ind < indent) break;
      parts.push(r.slice(indent));
    }
    while (this.at < this.lines.length && this.lines[this.at]!.no <= i) this.at++;
    while (parts.length > 0 && parts[parts.length - 1] === '') parts.pop();
    const body = m[1] === '|' ? parts.join('\n') : parts.join('\n').replace(/([^\n])\n(?=[^\n])/g, '$1 ');
    return m[2] === '-' ? body : body + '\n';
  }
}

function plain(s: string): YamlValue {
  if (/^(?:true|True|TRUE)$/.test(s)) return true;
  if (/^(?:false|False|FALSE)$/.test(s)) return false;
  if (/^(?:null|Null|NULL|~)$/.test(s)) return null;
  return s;
}

function unquote(s: string, line: number): string {
  if (s.startsWith("'")) {
    if (!/^'(?:[^']|'')*'$/.test(s)) throw new YamlError('unterminated quoted string', line);
    return s.slice(1, -1).replace(/''/g, "'");
  }
  if (!s.startsWith('"')) return s;
  if (!/^"(?:[^"\\]|\\.)*"$/.test(s)) throw new YamlError('unterminated quoted string', line);
  return s.slice(1, -1).replace(/\\(u[0-9a-fA-F]{4}|x[0-9a-fA-F]{2}|.)/g, (_m, e: string) => {
    if (e.length > 1) return String.fromCharCode(parseInt(e.slice(1), 16));
    return ({ n: '\n', t: '\t', r: '\r', '0': '\0', '"': '"', '\\': '\\', '/': '/', ' ': ' ' } as Record<string, string>)[e] ?? e;
  });
}

/** `[a, "b", 'c']`: scalars only. */
function flowSequence(s: string, line: number): YamlValue[] {
  if (!s.endsWith(']')) throw new YamlError('a flow sequence must end on its line', line);
  const inner = s.slice(1, -1).trim();
  if (inner === '') return [];
  const out: YamlValue[] = [];
  // split at commas outside quotes, in one pass
  let quote = '';
  let start = 0;
  const items: string[] = [];
  for (let i = 0; i <= inner.length; i++) {
    const ch = inner[i];
    if (quote) {
      if (ch === '\\' && quote === '"') i++;
      else if (ch === quote) quote = '';
    } else if (ch === '"' || ch === "'") quote = ch;
    else if (ch === undefined || ch === ',') {
      items.push(inner.slice(start, i).trim());
      start = i + 1;
    }
  }
  if (quote) throw new YamlError('unterminated quoted string', line);
  for (const v of items) {
    if (v === '' || '[]{}&*!'.includes(v[0]!)) throw new YamlError('only scalars are read in a flow sequence', line);
    out.push(v.startsWith('"') || v.startsWith("'") ? unquote(v, line) : plain(v));
  }
  return out;
}

/** The document's value; throws YamlError on what it does not read (never hangs: linear passes). */
export function parseYaml(text: string): YamlValue {
  if (text.length > YAML_LIMITS.maxBytes) throw new YamlError(`larger than ${YAML_LIMITS.maxBytes / 1024} KB`, 1);
  const { lines, raw } = splitLines(text);
  return new Reader(lines, raw).parse();
}

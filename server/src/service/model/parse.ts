/**
 * Markdown → mdast with remark-parse + remark-gfm, one chunk at a time.
 *
 * A due-diligence document is split at its `#`/`##` headings into chunks that parse
 * independently (a heading at column 0 ends every open block except fenced code and HTML
 * blocks, which the splitter tracks), so an edit only needs its own chunk re-parsed. The
 * result is the same tree a parse of the whole text gives: reference definitions that live in
 * another chunk are supplied to the chunks that use them, and offsets are shifted to the
 * document. Only `position.start.offset`/`end.offset` are kept exact; line/column are not used.
 */
import type { Nodes, Root, RootContent } from 'mdast';
import remarkGfm from 'remark-gfm';
import remarkParse from 'remark-parse';
import { unified } from 'unified';

const processor = unified().use(remarkParse).use(remarkGfm);

export interface Chunk {
  start: number;
  end: number;
}

export interface ParsedChunk extends Chunk {
  /** the chunk's text, for reuse checks */
  text: string;
  /** top-level nodes with document offsets */
  nodes: RootContent[];
  /** labels of the reference / footnote definitions in this chunk (normalised) */
  definitions: Set<string>;
  /** labels defined in other chunks that were supplied to this chunk's parse (sorted) */
  extras: string[];
}

/** Parses a whole text in one go (the reference the chunked parse must equal). */
export function parseWhole(text: string): Root {
  return processor.parse(normaliseForParse(text));
}

/** A BOM becomes a space, so offsets stay the text's own and nothing else changes. */
function normaliseForParse(text: string): string {
  return text.charCodeAt(0) === 0xfeff ? ' ' + text.slice(1) : text;
}

const FENCE = /^ {0,3}(`{3,}|~{3,})/;
const HEADING_SPLIT = /^#{1,2}(?:[ \t]|$)/;
const HTML_1 = /^ {0,3}<(?:script|pre|style|textarea)(?:\s|>|$)/i;
const HTML_1_END = /<\/(?:script|pre|style|textarea)>/i;
const HTML_2_TO_5: Array<[RegExp, string]> = [
  [/^ {0,3}<!--/, '-->'],
  [/^ {0,3}<\?/, '?>'],
  [/^ {0,3}<![A-Za-z]/, '>'],
  [/^ {0,3}<!\[CDATA\[/, ']]>'],
];
const HTML_6_7 = /^ {0,3}<\/?[A-Za-z]/;

/**
 * Offsets where a chunk may start: column-0 `#`/`##` headings outside fenced code, HTML blocks
 * and front matter. Conservative: where unsure, it does not split (a larger chunk is still
 * parsed correctly).
 */
export function splitChunks(input: string): Chunk[] {
  // the parser sees a BOM as a space (an HTML block or fence after it still starts the line)
  const text = normaliseForParse(input);
  const starts = [0];
  let pos = 0;
  let fence: { char: string; len: number } | undefined;
  let htmlEnd: RegExp | string | undefined; // types 1-5: until this appears
  let htmlUntilBlank = false; // types 6-7: until a blank line
  let lineNo = 0;
  let inFrontMatter = text.startsWith('---\n') || text.startsWith('---\r\n');
  while (pos < text.length) {
    let nl = text.indexOf('\n', pos);
    if (nl < 0) nl = text.length;
    let line = text.slice(pos, nl);
    if (line.endsWith('\r')) line = line.slice(0, -1);
    const lineStart = pos;
    pos = nl + 1;
    if (inFrontMatter) {
      if (lineNo > 0 && /^(---|\.\.\.)\s*$/.test(line)) inFrontMatter = false;
      lineNo++;
      continue;
    }
    lineNo++;
    if (fence) {
      const m = FENCE.exec(line);
      if (m && m[1]![0] === fence.char && m[1]!.length >= fence.len && line.slice(m[0].length).trim() === '') fence = undefined;
      continue;
    }
    if (htmlEnd !== undefined) {
      if (typeof htmlEnd === 'string' ? line.includes(htmlEnd) : htmlEnd.test(line)) htmlEnd = undefined;
      continue;
    }
    if (htmlUntilBlank && line.trim() === '') {
      htmlUntilBlank = false;
      continue;
    }
    // HTML_6_7 also takes text that is no HTML block (an autolink): a fence or comment may still
    // open inside it, so those are tracked; only headings are not split there
    if (HEADING_SPLIT.test(line) && lineStart > 0 && !htmlUntilBlank) {
      starts.push(lineStart);
      continue;
    }
    const f = FENCE.exec(line);
    if (f) {
      const char = f[1]![0]!;
      // a backtick fence's info string may not contain backticks
      if (char === '~' || !line.slice(f[0].length).includes('`')) {
        fence = { char, len: f[1]!.length };
        continue;
      }
    }
    if (HTML_1.test(line)) {
      if (!HTML_1_END.test(line)) htmlEnd = HTML_1_END;
      continue;
    }
    let matched = false;
    for (const [open, close] of HTML_2_TO_5) {
      if (open.test(line)) {
        const after = line.slice(line.search(open) + 2);
        if (!after.includes(close)) htmlEnd = close;
        matched = true;
        break;
      }
    }
    if (matched) continue;
    if (HTML_6_7.test(line)) htmlUntilBlank = true;
  }
  const chunks: Chunk[] = [];
  for (let i = 0; i < starts.length; i++) {
    chunks.push({ start: starts[i]!, end: starts[i + 1] ?? text.length });
  }
  return chunks;
}

export function normaliseLabel(label: string): string {
  return label.replace(/[\t\n\r ]+/g, ' ').trim().toLowerCase();
}

function collectDefinitions(nodes: RootContent[]): Set<string> {
  const out = new Set<string>();
  const visit = (n: Nodes): void => {
    if (n.type === 'definition') out.add(normaliseLabel(n.label ?? n.identifier));
    else if (n.type === 'footnoteDefinition') out.add('^' + normaliseLabel(n.label ?? n.identifier));
    if ('children' in n) for (const c of n.children as Nodes[]) visit(c);
  };
  for (const n of nodes) visit(n);
  return out;
}

function shift(node: Nodes, by: number): void {
  const p = node.position;
  if (p) {
    if (p.start.offset !== undefined) p.start.offset += by;
    if (p.end.offset !== undefined) p.end.offset += by;
  }
  if ('children' in node) for (const c of node.children as Nodes[]) shift(c, by);
}

/** Parses one chunk; `extraDefinitions` are labels defined elsewhere that this chunk may use. */
export function parseChunk(text: string, chunk: Chunk, extraDefinitions: Iterable<string> = []): ParsedChunk {
  let source = text.slice(chunk.start, chunk.end);
  if (chunk.start === 0) source = normaliseForParse(source);
  const length = source.length;
  const extras = [...extraDefinitions].sort();
  const extra: string[] = [];
  for (const label of extras) {
    extra.push(label.startsWith('^') ? `[${label}]: x` : `[${label}]: #`);
  }
  if (extra.length > 0) source += '\n\n' + extra.join('\n\n') + '\n';
  const root = processor.parse(source);
  const nodes = root.children.filter((n) => (n.position?.start.offset ?? 0) < length);
  for (const n of nodes) shift(n, chunk.start);
  return { start: chunk.start, end: chunk.end, text: text.slice(chunk.start, chunk.end), nodes, definitions: collectDefinitions(nodes), extras };
}

/**
 * Labels that a chunk's text may use as a reference without defining them, among the labels
 * that other chunks define. A cheap over-approximation (a textual search): supplying a
 * definition the chunk does not use changes nothing in its tree.
 */
function missingDefinitions(chunk: ParsedChunk, all: Map<string, number>): string[] {
  if (all.size === 0) return [];
  const lower = chunk.text.toLowerCase().replace(/[\t\n\r ]+/g, ' ');
  const out: string[] = [];
  for (const [label] of all) {
    if (chunk.definitions.has(label)) continue;
    const needle = label.startsWith('^') ? `[${label}]` : `${label}]`;
    if (lower.includes(needle)) out.push(label);
  }
  return out.sort();
}

/**
 * Resolves cross-chunk definitions: a chunk whose parse was not given the definitions it may
 * use (or was given others) is parsed again with them.
 */
export function linkChunks(text: string, parsed: ParsedChunk[]): ParsedChunk[] {
  const all = new Map<string, number>();
  for (const c of parsed) for (const d of c.definitions) all.set(d, (all.get(d) ?? 0) + 1);
  return parsed.map((c) => {
    const missing = missingDefinitions(c, all);
    if (missing.length === c.extras.length && missing.every((m, i) => m === c.extras[i])) return c;
    return { ...parseChunk(text, c, missing), definitions: c.definitions };
  });
}

export function parseChunks(text: string): ParsedChunk[] {
  return reparseChunks(text, undefined);
}

/**
 * Parses a new version of a text, reusing the chunks of the previous version whose text did
 * not change (shifted to their new offsets). The previous chunks must not be used afterwards:
 * their nodes are moved, not copied.
 */
export function reparseChunks(text: string, previous: readonly ParsedChunk[] | undefined): ParsedChunk[] {
  const reusable = new Map<string, ParsedChunk>();
  for (const c of previous ?? []) if (!reusable.has(c.text)) reusable.set(c.text, c);
  const chunks = splitChunks(text).map((c) => {
    const chunkText = text.slice(c.start, c.end);
    const old = reusable.get(chunkText);
    if (!old || (c.start === 0) !== (old.start === 0)) return parseChunk(text, c);
    reusable.delete(chunkText);
    const delta = c.start - old.start;
    if (delta !== 0) for (const n of old.nodes) shift(n, delta);
    return { ...old, start: c.start, end: c.end };
  });
  return linkChunks(text, chunks);
}

/**
 * Markdown → mdast with remark-parse + remark-gfm, one chunk at a time.
 *
 * A due-diligence document is split at its ATX headings (`#` … `######`) into chunks that parse
 * independently (a heading at column 0 ends every open block except fenced code and HTML
 * blocks, which the splitter tracks), so an edit only needs its own chunk re-parsed. The
 * result is the same tree a parse of the whole text gives: reference definitions that live in
 * another chunk are supplied to the chunks that use them, and offsets are shifted to the
 * document. Only `position.start.offset`/`end.offset` are kept exact; line/column are not used.
 */
import type { Nodes, Root, RootContent } from 'mdast';
import remarkGfm from 'remark-gfm';
import remarkParse from 'remark-parse';
import { gfmAutolinkLiteralFromMarkdown } from 'mdast-util-gfm-autolink-literal';
import { unified } from 'unified';
import { BlockTooLongError, chunkRefusal, longestBlock } from './limits';

/**
 * remark-gfm's literal-autolink transform (mdast-util-gfm-autolink-literal) walks the whole tree
 * once for each of its four patterns (web addresses, `xmpp:`, `mailto:`, e-mail addresses): 5% of
 * a command-line check of 41 documents. Every pattern needs, in one text node outside links and
 * link references, `http://`, `https://` or `www.` (in any case) not right after a letter or a
 * digit (the transform's own condition: `apphttps://…`, pasted, is no link), or an `@` between a
 * character of an address (`[\w+.-]`) and one of a domain (`[\w-]`). A tree without such a text
 * node is one the transform leaves as it is: it is not walked four times. Any other tree goes
 * through the transform itself (test/fuzz/autolinkGuard.test.ts holds the trees equal).
 */
const MAY_AUTOLINK = /(?<![\da-z])(?:https?:\/\/|www\.)|[\w+.-]@[\w-]/i;

function mayAutolink(tree: Root): boolean {
  const stack: Nodes[] = [tree];
  for (let node = stack.pop(); node !== undefined; node = stack.pop()) {
    if (node.type === 'text') {
      if (MAY_AUTOLINK.test(node.value)) return true;
    } else if ('children' in node && node.type !== 'link' && node.type !== 'linkReference') {
      for (const child of node.children as Nodes[]) stack.push(child);
    }
  }
  return false;
}

type Transform = (tree: Root) => Root | undefined | void;
type MdastExtension = { transforms?: Transform[] };

/** the literal-autolink transform, as remark-gfm adds it (recognised by identity) */
const AUTOLINK_TRANSFORM = gfmAutolinkLiteralFromMarkdown().transforms?.[0];

/** A processor's mdast extensions, as remark-parse reads them. */
function mdastExtensions(p: { data(key: 'fromMarkdownExtensions'): unknown }): MdastExtension[] {
  return ((p.data('fromMarkdownExtensions') ?? []) as Array<MdastExtension | MdastExtension[]>).flat();
}

/** The processor with remark-gfm's literal-autolink transform run only on a tree it may change; how many were guarded. */
function guardAutolinkTransform(p: { data(key: 'fromMarkdownExtensions'): unknown }): number {
  let guarded = 0;
  for (const ext of mdastExtensions(p)) {
    ext.transforms = ext.transforms?.map((t) => {
      if (t !== AUTOLINK_TRANSFORM) return t;
      guarded++;
      return (tree: Root) => (mayAutolink(tree) ? t(tree) : undefined);
    });
  }
  return guarded;
}

const processor = unified().use(remarkParse).use(remarkGfm).freeze();
const guarded = guardAutolinkTransform(processor);

/** Whether the guard above is in place (a new remark-gfm may have moved the transform: a test says so). */
export function autolinkTransformGuarded(): boolean {
  return guarded === 1 && !mdastExtensions(processor).some((e) => e.transforms?.includes(AUTOLINK_TRANSFORM as Transform));
}

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
  /** the text lower-cased with whitespace runs as one space, computed when first needed */
  searchText?: string;
}

/** Parses a whole text in one go (the reference the chunked parse must equal). */
export function parseWhole(text: string): Root {
  const source = normaliseForParse(text);
  const root = processor.parse(source);
  fillPositions(root, source);
  return root;
}

type Positioned = { position?: { start: { offset?: number }; end: { offset?: number } } | undefined };

function textOf(node: Nodes): string {
  if ('value' in node && typeof node.value === 'string') return node.value;
  if ('children' in node) return (node.children as Nodes[]).map(textOf).join('');
  return '';
}

/**
 * remark-gfm's literal-autolink transform splits some text nodes into text and links that have
 * no position. They are placed where their text stands in the source, after the previous
 * sibling (or, failing that, right after it), so every node has offsets — and the same offsets
 * in a chunk's parse as in a whole parse.
 */
function fillPositions(parent: Nodes, source: string): void {
  if (!('children' in parent)) return;
  const p = (parent as Positioned).position;
  let cursor = p?.start.offset ?? 0;
  const limit = p?.end.offset ?? source.length;
  for (const child of parent.children as Nodes[]) {
    const c = child as Positioned;
    if (c.position?.start.offset === undefined || c.position.end.offset === undefined) {
      const needle = textOf(child);
      let start = needle === '' ? -1 : source.indexOf(needle, cursor);
      if (start < 0 || start + needle.length > limit) start = Math.min(cursor, limit);
      const end = Math.min(limit, start + needle.length);
      (child as { position: unknown }).position = { start: { line: 1, column: 1, offset: start }, end: { line: 1, column: 1, offset: end } };
    }
    fillPositions(child, source);
    cursor = Math.max(cursor, (child as Positioned).position!.end.offset!);
  }
}

/** A BOM becomes a space, so offsets stay the text's own and nothing else changes. */
function normaliseForParse(text: string): string {
  return text.charCodeAt(0) === 0xfeff ? ' ' + text.slice(1) : text;
}

/**
 * A cut at a paragraph is made only this far from the last cut: each parse has a fixed cost
 * (thousands of tiny chunks took longer than a few big ones), and a chunk this size parses in
 * well under a second.
 */
const MIN_PARAGRAPH_CUT = 16_384;

const isLetter = (c: number): boolean => (c >= 65 && c <= 90) || (c >= 97 && c <= 122);

/** First characters of a line that may matter to the splitter: `#`, space, tab, backtick, `~`, `<`, CR, LF, end. */
const MAY_MATTER = new Set([0x23, 0x20, 0x09, 0x60, 0x7e, 0x3c, 0x0d, 0x0a, NaN]);
const FENCE = /^ {0,3}(`{3,}|~{3,})/;
const HEADING_SPLIT = /^#{1,6}(?:[ \t]|$)/;
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
 * Offsets where a chunk may start: column-0 ATX headings outside fenced code, HTML blocks
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
  let prevBlank = false;
  // a lone CR ends a line for the parser, not here: such a text is cut at headings only
  const cutAtParagraphs = !/\r(?!\n)/.test(text);
  while (pos < text.length) {
    let nl = text.indexOf('\n', pos);
    if (nl < 0) nl = text.length;
    // Most lines start with a letter, `-` or `*`: such a line opens nothing this splitter tracks,
    // closes no fence, and is not blank. Only an HTML block of types 1-5 must still see it.
    if (pos > 0 && !inFrontMatter && htmlEnd === undefined && !MAY_MATTER.has(text.charCodeAt(pos))) {
      // After a blank line, a line that starts with a letter at column 0 closes every open block
      // (lists and quotes included) and opens a paragraph: the text can be cut there too, so a
      // document without headings is not one chunk parsed in one synchronous call.
      if (prevBlank && cutAtParagraphs && fence === undefined && isLetter(text.charCodeAt(pos)) && pos - starts[starts.length - 1]! >= MIN_PARAGRAPH_CUT) starts.push(pos);
      prevBlank = false;
      pos = nl + 1;
      lineNo++;
      continue;
    }
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
    prevBlank = false;
    if (fence) {
      const m = FENCE.exec(line);
      if (m && m[1]![0] === fence.char && m[1]!.length >= fence.len && line.slice(m[0].length).trim() === '') fence = undefined;
      continue;
    }
    if (htmlEnd !== undefined) {
      if (typeof htmlEnd === 'string' ? line.includes(htmlEnd) : htmlEnd.test(line)) htmlEnd = undefined;
      continue;
    }
    // blank as CommonMark means it: spaces and tabs only
    if (/^[ \t]*$/.test(line)) {
      htmlUntilBlank = false;
      prevBlank = true;
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

/** Neighbouring chunks joined while a group stays within `max` characters (a longer chunk stays alone). */
export function coalesceChunks(chunks: readonly Chunk[], max: number): Chunk[] {
  const out: Chunk[] = [];
  for (const c of chunks) {
    const last = out[out.length - 1];
    if (last && c.end - last.start <= max) last.end = c.end;
    else out.push({ start: c.start, end: c.end });
  }
  return out;
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
  fillPositions(root, source);
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
  const lower = (chunk.searchText ??= chunk.text.toLowerCase().replace(/[\t\n\r ]+/g, ' '));
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
  const all = allDefinitions(parsed);
  return parsed.map((c) => linked(text, c, all));
}

function allDefinitions(parsed: readonly ParsedChunk[]): Map<string, number> {
  const all = new Map<string, number>();
  for (const c of parsed) for (const d of c.definitions) all.set(d, (all.get(d) ?? 0) + 1);
  return all;
}

function linked(text: string, c: ParsedChunk, all: Map<string, number>): ParsedChunk {
  const missing = missingDefinitions(c, all);
  if (missing.length === c.extras.length && missing.every((m, i) => m === c.extras[i])) return c;
  return { ...parseChunk(text, c, missing), definitions: c.definitions };
}

export function parseChunks(text: string): ParsedChunk[] {
  return reparseChunks(text, undefined);
}

/**
 * Parses a new version of a text, reusing the chunks of the previous version whose text did
 * not change (shifted to their new offsets). The previous chunks must not be used afterwards:
 * their nodes are moved, not copied.
 */
export function reparseChunks(text: string, previous: readonly ParsedChunk[] | undefined, maxBlock?: number, coalesce = 0): ParsedChunk[] {
  const r = new ChunkReparse(text, previous, maxBlock, coalesce);
  while (!r.step());
  if (r.refusal !== undefined) throw new BlockTooLongError(r.tooLongBlock ?? 0, r.refusal);
  return r.result();
}

/**
 * `reparseChunks` in steps, so a host can yield between them and give up when a newer version
 * arrives: each `step()` parses at most one chunk. Given up half-way, `leftovers()` are the
 * chunks that are still whole (parsed for this text, or not yet moved), for the next attempt.
 */
export class ChunkReparse {
  private readonly reusable = new Map<string, ParsedChunk[]>();
  private readonly pending: Chunk[];
  /** the chunks as split, when `pending` has them coalesced (each is checked against the limits) */
  private parts: Chunk[] | undefined;
  private partAt = 0;
  private next = 0;
  /** phase 1: chunks split and parsed or reused, in order */
  private readonly parsed: ParsedChunk[] = [];
  /** phase 2: the same, with cross-chunk definitions supplied */
  private readonly linked: ParsedChunk[] = [];
  private all: Map<string, number> | undefined;
  /** set when a chunk holds a block longer than `maxBlock`: the reparse ends there, unfinished */
  tooLongBlock: number | undefined;
  /** why a chunk was not given to the parser (limits.ts): the reparse ends there, unfinished */
  refusal: string | undefined;

  constructor(
    private readonly text: string,
    previous: readonly ParsedChunk[] | undefined,
    /** a chunk holding a longer block is not parsed: `step` ends the reparse (`tooLongBlock`) */
    private readonly maxBlock = Number.POSITIVE_INFINITY,
    /**
     * A first parse whose chunks will not be kept for a next version (the CLI) parses neighbouring
     * chunks together up to this many characters (0: never): each parse has a fixed cost, and the
     * split points are where a parse may be cut, not where it must be. Each part is still checked
     * against the limits on its own, as it would be alone.
     */
    coalesce = 0,
  ) {
    // Chunks with the same text (`### Suggested\n\nN/A\n`) are common: each is reused once, in order.
    for (const c of previous ?? []) {
      const list = this.reusable.get(c.text);
      if (list) list.push(c);
      else this.reusable.set(c.text, [c]);
    }
    const fine = splitChunks(text);
    this.pending = coalesce > 0 && !previous ? coalesceChunks(fine, coalesce) : fine;
    if (this.pending !== fine) this.parts = fine;
  }

  /** Does some work (at most one chunk parse); true when finished. */
  step(): boolean {
    const text = this.text;
    while (this.parsed.length < this.pending.length) {
      const c = this.pending[this.parsed.length]!;
      const chunkText = text.slice(c.start, c.end);
      const list = this.reusable.get(chunkText);
      const k = list ? list.findIndex((o) => (c.start === 0) === (o.start === 0)) : -1;
      if (!list || k < 0) {
        // remark is superlinear on some shapes (limits.ts): such a document is not analysed
        for (const part of this.partsOf(c)) {
          const refusal = chunkRefusal(text, part.start, part.end, this.maxBlock);
          if (refusal !== undefined) {
            this.refusal = refusal;
            const block = longestBlock(text, part.start, part.end);
            if (block > this.maxBlock) this.tooLongBlock = block;
            return true;
          }
        }
        this.parsed.push(parseChunk(text, c));
        return false;
      }
      const old = list[k]!;
      list.splice(k, 1);
      const delta = c.start - old.start;
      if (delta !== 0) for (const n of old.nodes) shift(n, delta);
      this.parsed.push({ ...old, start: c.start, end: c.end });
    }
    this.all ??= allDefinitions(this.parsed);
    while (this.next < this.parsed.length) {
      const c = this.parsed[this.next++]!;
      const l = linked(text, c, this.all);
      this.linked.push(l);
      if (l !== c) return this.next >= this.parsed.length;
    }
    return true;
  }

  /** the split chunks a pending chunk is made of */
  private partsOf(c: Chunk): Chunk[] {
    if (!this.parts) return [c];
    // pending chunks are parsed in order (nothing is reused in a first parse): a cursor suffices
    while (this.partAt < this.parts.length && this.parts[this.partAt]!.end <= c.start) this.partAt++;
    const out: Chunk[] = [];
    for (let i = this.partAt; i < this.parts.length && this.parts[i]!.end <= c.end; i++) out.push(this.parts[i]!);
    return out;
  }

  result(): ParsedChunk[] {
    if (this.linked.length < this.pending.length) throw new Error('ChunkReparse: not finished');
    return this.linked;
  }

  leftovers(): ParsedChunk[] {
    const out = [...this.parsed];
    const seen = new Set(out);
    for (const l of this.linked) if (!seen.has(l)) out.push(l);
    for (const list of this.reusable.values()) out.push(...list);
    return out;
  }
}

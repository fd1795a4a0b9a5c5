/**
 * mdast (top-level nodes with document offsets) → DiligenceModel.
 *
 * Structure comes from positions, not from markdown nesting: a criterion's body is everything
 * from its list item to the next criterion or heading, even text and comments that are not
 * indented under the item (real documents do this). TODOs, links, comments and placeholders
 * are then given to the criterion whose body holds them.
 */
import type { Nodes, Paragraph, PhrasingContent, RootContent } from 'mdast';
import { LineIndex } from '../text/lineIndex';
import { partitionPoint } from '../text/binarySearch';
import { normaliseLabel } from './parse';
import { frontMatterEnd } from './frontMatter';
import { findPlaceholders } from './placeholders';
import { htmlComments, matchTodoMarker, unparsedLinkTargets } from './scan';
import {
  type Area,
  type CommentKind,
  type Criterion,
  type DiligenceModel,
  type Heading,
  type LevelKind,
  type Link,
  type LinkSyntax,
  type LinkTarget,
  type MalformedLink,
  type Placeholder,
  PROJECT_LEVELS,
  type ProjectLevel,
  type Span,
  type SubItem,
  type TemplateComment,
  type Title,
  type Todo,
} from './types';

interface TaskItem {
  span: Span;
  checked: boolean;
  checkbox: Span;
  contentIndent: number;
  /** the bold title, when the item's text starts with one */
  title?: { text: string; span: Span };
  /** inside another task item that is a criterion */
  nestedInCriterion: boolean;
  text: string;
}

interface RawLink {
  syntax: LinkSyntax;
  url: string;
  label?: string;
  text: string;
  span: Span;
  urlSpan: Span | undefined;
}

interface RawTodo {
  owner: string;
  marker: Span;
  span: Span;
  resolved: boolean;
}

/** What one walk over mdast nodes gathers; per chunk, so an unchanged chunk is not walked again. */
export interface Collected {
  headings: Heading[];
  tasks: TaskItem[];
  links: RawLink[];
  definitions: Map<string, string>;
  htmlSpans: Span[];
  codeSpans: Span[];
  /** text nodes that contain `http` or `](` */
  textSpans: Span[];
  /** placeholders, when found per chunk (see collectPlaceholders); else the build finds them */
  placeholders?: Array<Omit<Placeholder, 'criterion'>>;
  todos: RawTodo[];
  comments: Array<{ kind: CommentKind; text: string; span: Span }>;
}

const LEVEL_HEADING = /^(suggested|required)\b/i;
const SUMMARY_HEADING = /evaluation\s+summary|^summary$/i;

function span(node: { position?: { start: { offset?: number }; end: { offset?: number } } | undefined }): Span {
  return { start: node.position?.start.offset ?? 0, end: node.position?.end.offset ?? 0 };
}

export function toText(node: Nodes): string {
  if ('value' in node && typeof node.value === 'string') return node.type === 'html' ? '' : node.value;
  if ('children' in node) return (node.children as Nodes[]).map(toText).join('');
  if (node.type === 'break') return ' ';
  return '';
}

export function collect(text: string, nodes: RootContent[]): Collected {
  const c: Collected = {
    headings: [], tasks: [], links: [], definitions: new Map(), htmlSpans: [], codeSpans: [], textSpans: [], todos: [], comments: [],
  };

  const visit = (node: Nodes, parent: Nodes, paragraph: { node: Paragraph; container: Nodes } | undefined, inCriterion: boolean, inDelete: boolean): void => {
    let childInCriterion = inCriterion;
    switch (node.type) {
      case 'heading':
        c.headings.push({ depth: node.depth, text: toText(node).trim(), span: span(node) });
        break;
      case 'listItem':
        if (typeof node.checked === 'boolean') {
          const task = taskItem(text, node, inCriterion);
          if (task) {
            c.tasks.push(task);
            if (task.title && !inCriterion) childInCriterion = true;
          }
        }
        break;
      case 'link':
      case 'image':
        c.links.push(rawLink(text, node));
        break;
      case 'linkReference':
      case 'imageReference': {
        const s = span(node);
        c.links.push({ syntax: 'reference', url: '', label: normaliseLabel(node.label ?? node.identifier), text: node.type === 'linkReference' ? toText(node) : (node.alt ?? ''), span: s, urlSpan: undefined });
        break;
      }
      case 'definition': {
        const label = normaliseLabel(node.label ?? node.identifier);
        if (!c.definitions.has(label)) c.definitions.set(label, node.url);
        const s = span(node);
        c.links.push({ syntax: 'definition', url: node.url, label, text: node.label ?? '', span: s, urlSpan: destinationSpan(text, text.indexOf(']:', s.start) + 2, s.end) });
        break;
      }
      case 'html': {
        const s = span(node);
        c.htmlSpans.push(s);
        for (const m of htmlComments(text.slice(s.start, s.end))) {
          const body = m.body;
          const kind: CommentKind = /evaluation\s+goes\s+here/i.test(body) ? 'evaluation' : /assertion\s+goes\s+here/i.test(body) ? 'assertion' : 'other';
          c.comments.push({ kind, text: body.trim(), span: { start: s.start + m.start, end: s.start + m.end } });
        }
        break;
      }
      case 'code':
      case 'inlineCode':
        c.codeSpans.push(span(node));
        break;
      case 'text': {
        // only text that may hold a malformed link is kept (see the malformed-link pass)
        const s = span(node);
        const raw = text.slice(s.start, s.end);
        if (raw.includes('http') || raw.includes('](')) c.textSpans.push(s);
        break;
      }
      case 'strong': {
        const m = paragraph ? matchTodoMarker(toText(node)) : null;
        if (m && paragraph) {
          const todo = rawTodo(text, node, paragraph.node, paragraph.container, m, inDelete);
          if (todo) c.todos.push(todo);
        }
        break;
      }
      default:
        break;
    }
    if ('children' in node) {
      const children = node.children as Nodes[];
      const para = node.type === 'paragraph' ? { node, container: parent } : paragraph;
      for (const child of children) visit(child, node, para, childInCriterion, inDelete || node.type === 'delete');
    }
  };

  const root = { type: 'root', children: nodes } as Nodes;
  for (const n of nodes) visit(n, root, undefined, false, false);
  return c;
}

function taskItem(text: string, node: Nodes & { type: 'listItem' }, nestedInCriterion: boolean): TaskItem | undefined {
  const s = span(node);
  const head = /^(?:[*+-]|\d{1,9}[.)])[ \t]+(\[[ xX]\])/.exec(text.slice(s.start, s.start + 24));
  if (!head) return undefined;
  const boxStart = s.start + head[0].length - 3;
  const first = node.children[0];
  let contentIndent: number;
  let title: TaskItem['title'];
  if (first && first.type === 'paragraph') {
    const ps = span(first);
    contentIndent = ps.start - lineStartOf(text, ps.start);
    const firstChild = firstMeaningful(first.children);
    if (firstChild && firstChild.type === 'strong') {
      const t = toText(firstChild).replace(/\s+/g, ' ').trim();
      if (t) title = { text: t, span: span(firstChild) };
    }
  } else {
    contentIndent = boxStart + 4 - lineStartOf(text, boxStart);
  }
  return {
    span: s,
    checked: node.checked === true,
    checkbox: { start: boxStart, end: boxStart + 3 },
    contentIndent,
    title,
    nestedInCriterion,
    text: toText(node).replace(/\s+/g, ' ').trim(),
  };
}

function firstMeaningful(children: PhrasingContent[]): PhrasingContent | undefined {
  for (const ch of children) {
    if (ch.type === 'text' && ch.value.trim() === '') continue;
    return ch;
  }
  return undefined;
}

/** Scans back to the nearest line break only (lastIndexOf('\r') on a text without one would
 * scan to the start for every criterion: quadratic on large documents). */
function lineStartOf(text: string, offset: number): number {
  let i = offset - 1;
  while (i >= 0) {
    const c = text.charCodeAt(i);
    if (c === 10 || c === 13) break;
    i--;
  }
  return i + 1;
}

/** Where a link destination is written, starting the search at `from` (after `](` or `]:`). */
function destinationSpan(text: string, from: number, limit: number): Span | undefined {
  let i = from;
  while (i < limit && /[ \t\r\n]/.test(text[i]!)) i++;
  if (i >= limit) return { start: i, end: i };
  if (text[i] === '<') {
    const close = text.indexOf('>', i);
    if (close < 0 || close > limit) return undefined;
    return { start: i + 1, end: close };
  }
  let depth = 0;
  let j = i;
  for (; j < limit; j++) {
    const ch = text[j]!;
    if (ch === '\\') { j++; continue; }
    if (/[ \t\r\n]/.test(ch)) break;
    if (ch === '(') depth++;
    else if (ch === ')') {
      if (depth === 0) break;
      depth--;
    }
  }
  return { start: i, end: Math.min(j, limit) };
}

function rawLink(text: string, node: Nodes & { type: 'link' | 'image' }): RawLink {
  const s = span(node);
  const first = text[s.start];
  let syntax: LinkSyntax;
  let urlSpan: Span | undefined;
  const label = node.type === 'link' ? toText(node) : (node.alt ?? '');
  if (node.type === 'image') {
    syntax = 'inline';
    urlSpan = destinationSpan(text, text.lastIndexOf('](', s.end - 1) + 2, s.end - 1);
  } else if (first === '<') {
    syntax = 'autolink';
    urlSpan = { start: s.start + 1, end: s.end - 1 };
  } else if (first === '[') {
    syntax = 'inline';
    const children = node.children;
    const afterText = children.length > 0 ? span(children[children.length - 1]!).end : s.start + 1;
    const open = text.indexOf('](', afterText);
    urlSpan = open >= 0 && open < s.end ? destinationSpan(text, open + 2, s.end - 1) : undefined;
  } else {
    syntax = 'bare';
    urlSpan = s;
  }
  return { syntax, url: node.url, text: label, span: s, urlSpan };
}

function rawTodo(text: string, strong: Nodes, parent: Paragraph, container: Nodes, m: readonly string[], inDelete: boolean): RawTodo | undefined {
  // the marker must open its paragraph (a TODO mentioned in passing is not a TODO); a
  // strikethrough around it is allowed
  if (!/^[\s~]*$/.test(text.slice(span(parent).start, span(strong).start))) return undefined;
  const owner = (m[2] ?? '').replace(/\s+/g, ' ').trim();
  if (!owner) return undefined;
  const marker = span(strong);
  const para = span(parent);
  let end = para.end;
  // "**TODO for X:**" alone on its paragraph, with the list that follows as its text
  const rest = text.slice(marker.end, para.end).replace(/^\s*:?\s*/, '');
  if (rest === '') {
    if ('children' in container) {
      const siblings = container.children as Nodes[];
      const next = siblings[siblings.indexOf(parent) + 1];
      if (next && next.type === 'list') end = span(next).end;
    }
  }
  return { owner, marker, span: { start: marker.start, end }, resolved: m[1]!.toUpperCase() === 'DONE' || inDelete };
}

// ---------------------------------------------------------------------------------------------

const TLDS = new Set(('com org net io dev ai app co gov edu info foundation cloud tech us uk de eu fr jp cn in me sh so xyz site page ' +
  'community build tools run blog news science systems software network security ly to tv gg link wiki ca au nl se ch es it br ru pl be at dk fi no cz pt ie nz kr tw sg hk').split(' '));

function classify(url: string): LinkTarget {
  if (url === '') return 'other';
  if (url.startsWith('#')) return 'fragment';
  const scheme = /^([a-z][a-z0-9+.-]*):/i.exec(url);
  if (!scheme) return 'relative';
  const s = scheme[1]!.toLowerCase();
  if (s === 'http' || s === 'https') return 'web';
  if (s === 'mailto') return 'mailto';
  return 'other';
}

function looksLikeDomain(url: string): boolean {
  if (url.startsWith('.') || url.startsWith('/')) return false;
  const host = /^((?:[a-z0-9](?:[a-z0-9-]*[a-z0-9])?\.)+([a-z]{2,24}))(?:[/:?#]|$)/i.exec(url);
  if (!host) return false;
  if (/^www\./i.test(url)) return true;
  return TLDS.has(host[2]!.toLowerCase()) && !/\.(md|html?|txt|ya?ml|json|png|svg|jpe?g|pdf)$/i.test(host[1]!);
}

/** Sorted, non-overlapping lookups of "is this offset inside one of these spans". */
export class SpanSet {
  private readonly spans: Span[];
  constructor(spans: Span[]) {
    this.spans = [...spans].sort((a, b) => a.start - b.start);
  }
  overlaps(s: Span): boolean {
    // binary search the last span starting before s.end
    const found = partitionPoint(this.spans, (x) => x.start < s.end) - 1;
    for (let i = found; i >= 0 && i > found - 64; i--) {
      const x = this.spans[i]!;
      if (x.end > s.start && x.start < s.end) return true;
    }
    return false;
  }
  contains(offset: number): boolean {
    return this.overlaps({ start: offset, end: offset + 1 });
  }
}

/** Index of the criterion whose span holds `offset`, or -1. Criteria are sorted and disjoint. */
function criterionAt(criteria: Criterion[], offset: number): number {
  const i = partitionPoint(criteria, (c) => c.span.end <= offset);
  return i < criteria.length && criteria[i]!.span.start <= offset ? i : -1;
}

function trimEnd(text: string, s: Span): Span {
  let end = s.end;
  while (end > s.start && /\s/.test(text[end - 1]!)) end--;
  return { start: s.start, end };
}

function readTitle(headings: Heading[], areas: Area[]): { title?: Title; project?: string; level?: ProjectLevel } {
  const h1 = headings.find((h) => h.depth === 1);
  const summary = areas.find((a) => a.kind === 'summary');
  let project: string | undefined;
  let level: ProjectLevel | undefined;
  const levelIn = (s: string): ProjectLevel | undefined => PROJECT_LEVELS.find((l) => new RegExp(`\\b${l}\\b`, 'i').test(s));
  const clean = (p: string | undefined): string | undefined => {
    const t = p?.replace(/[*_`:()[\]]/g, ' ').replace(/\s+/g, ' ').trim();
    return t && !/^\$/.test(t) && !/^(the|a|an|project)$/i.test(t) ? t : undefined;
  };
  if (summary) {
    const m = /^(?:(\w+)\s+)?evaluation\s+summary\s+(?:for|of)\s(.+)$/i.exec(summary.name);
    if (m) {
      project = clean(m[2]);
      level = m[1] ? levelIn(m[1]) : undefined;
    }
  }
  if (h1) {
    level ??= levelIn(h1.text);
    if (!project) {
      const lv = levelIn(h1.text);
      const idx = lv ? h1.text.search(new RegExp(`\\b${lv}\\b`, 'i')) : -1;
      if (idx > 0) project = clean(h1.text.slice(0, idx));
      else {
        const m = /^(.*?\S)\s+(?:due\s+diligence|dd)\b/i.exec(h1.text);
        if (m) project = clean(m[1]);
      }
    }
  }
  const titleHeading = h1 ?? (summary ? headings.find((h) => h.span.start === summary.heading.start) : undefined);
  return {
    title: titleHeading ? { text: titleHeading.text, span: titleHeading.span } : undefined,
    project,
    level,
  };
}

/**
 * Memo of the evaluation text by the body it is computed from: most bodies are unchanged between
 * two versions. Generational, so it holds at most two builds' worth of entries.
 */
class Generations<V> {
  private old = new Map<string, V>();
  private young = new Map<string, V>();
  get(key: string): V | undefined {
    let v = this.young.get(key);
    if (v === undefined) {
      v = this.old.get(key);
      if (v !== undefined) this.young.set(key, v);
    }
    return v;
  }
  set(key: string, v: V): void {
    this.young.set(key, v);
  }
  /** ends a build: what it did not use is dropped at the end of the next one */
  next(): void {
    this.old = this.young;
    this.young = new Map();
  }
}

const evaluationMemo = new Generations<string>();

function evaluationOf(body: string): string {
  const hit = evaluationMemo.get(body);
  if (hit !== undefined) return hit;
  const words = body.replace(/<!--[\s\S]*?(-->|$)/g, ' ').replace(/^[^\S\n\r\u2028\u2029]*(?:[*+-]|\d+[.)])\s+/gm, ' ').replace(/\s+/g, ' ').trim();
  const evaluation = /[\p{L}\p{N}]/u.test(words) ? words : '';
  evaluationMemo.set(body, evaluation);
  return evaluation;
}

const moved = (s: Span, by: number): Span => ({ start: s.start + by, end: s.end + by });

/** A copy of `c` with every offset moved by `by` (copies: models built from `c` keep theirs). */
export function shiftCollected(c: Collected, by: number): Collected {
  if (by === 0) return c;
  return {
    headings: c.headings.map((h) => ({ ...h, span: moved(h.span, by) })),
    tasks: c.tasks.map((t) => ({ ...t, span: moved(t.span, by), checkbox: moved(t.checkbox, by), ...(t.title ? { title: { text: t.title.text, span: moved(t.title.span, by) } } : {}) })),
    links: c.links.map((l) => ({ ...l, span: moved(l.span, by), urlSpan: l.urlSpan && moved(l.urlSpan, by) })),
    definitions: c.definitions,
    htmlSpans: c.htmlSpans.map((x) => moved(x, by)),
    codeSpans: c.codeSpans.map((x) => moved(x, by)),
    textSpans: c.textSpans.map((x) => moved(x, by)),
    todos: c.todos.map((t) => ({ ...t, marker: moved(t.marker, by), span: moved(t.span, by) })),
    comments: c.comments.map((cm) => ({ ...cm, span: moved(cm.span, by) })),
    ...(c.placeholders ? { placeholders: c.placeholders.map((p) => ({ ...p, span: moved(p.span, by) })) } : {}),
  };
}

/** Adds the placeholders of the chunk `[from, to)` to its collection. */
export function collectPlaceholders(text: string, c: Collected, from: number, to: number): Collected {
  c.placeholders = findPlaceholders(text, new SpanSet([...c.codeSpans, ...c.htmlSpans]), new SpanSet(c.links.map((l) => l.span)), from, to);
  return c;
}

/** Chunks' collections, in document order, as one (the same as collecting all their nodes at once). */
export function mergeCollected(parts: readonly Collected[]): Collected {
  if (parts.length === 1) return parts[0]!;
  const out: Collected = { headings: [], tasks: [], links: [], definitions: new Map(), htmlSpans: [], codeSpans: [], textSpans: [], todos: [], comments: [] };
  const keys = ['headings', 'tasks', 'links', 'htmlSpans', 'codeSpans', 'textSpans', 'todos', 'comments'] as const;
  for (const key of keys) {
    const arr = out[key] as unknown[];
    for (const p of parts) {
      const src = p[key] as unknown[];
      for (let i = 0; i < src.length; i++) arr.push(src[i]);
    }
  }
  // the first definition of a label wins, as in CommonMark
  for (const p of parts) for (const [k, v] of p.definitions) if (!out.definitions.has(k)) out.definitions.set(k, v);
  if (parts.every((p) => p.placeholders)) {
    out.placeholders = [];
    for (const p of parts) for (const x of p.placeholders!) out.placeholders.push(x);
  }
  return out;
}

/** YAML front matter is not markdown (remark would read `key: value` + `---` as a heading): its nodes are dropped. */
export function withoutFrontMatter(text: string, nodes: RootContent[]): RootContent[] {
  const fmEnd = frontMatterEnd(text);
  return fmEnd === 0 ? nodes : nodes.filter((n) => (n.position?.start.offset ?? 0) >= fmEnd);
}

export function buildModel(text: string, nodes: RootContent[], lines: LineIndex = new LineIndex(text)): DiligenceModel {
  return buildFromCollected(text, collect(text, withoutFrontMatter(text, nodes)), lines);
}

export function buildFromCollected(text: string, c: Collected, lines: LineIndex = new LineIndex(text)): DiligenceModel {
  const end = text.length;

  // ---- criteria and sub-items
  const criteriaTasks = c.tasks.filter((t) => t.title && !t.nestedInCriterion);
  const boundaries = [...c.headings.map((h) => h.span.start), ...criteriaTasks.map((t) => t.span.start)].sort((a, b) => a - b);
  const nextBoundary = (after: number): number => boundaries[partitionPoint(boundaries, (b) => b <= after)] ?? end;

  // ---- areas and levels from headings
  const areas: Area[] = [];
  let area: Area | undefined;
  let level: Area['levels'][number] | undefined;
  const closeLevel = (at: number): void => {
    if (level) level.span = trimEnd(text, { start: level.span.start, end: at });
    level = undefined;
  };
  const closeArea = (at: number): void => {
    closeLevel(at);
    if (area) area.span = trimEnd(text, { start: area.span.start, end: at });
    area = undefined;
  };
  const levelAt: Array<{ at: number; area: number; level: LevelKind | undefined }> = [];
  for (const h of c.headings) {
    if (h.depth <= 2) {
      closeArea(h.span.start);
      if (h.depth === 2) {
        area = { name: h.text, kind: SUMMARY_HEADING.test(h.text) ? 'summary' : 'checklist', heading: h.span, span: { start: h.span.start, end }, levels: [], criteria: [] };
        areas.push(area);
      }
    } else if (h.depth === 3) {
      closeLevel(h.span.start);
      const m = LEVEL_HEADING.exec(h.text);
      if (m) {
        level = { kind: m[1]!.toLowerCase() as LevelKind, heading: h.span, span: { start: h.span.start, end }, criteria: [], notApplicable: false };
        area?.levels.push(level);
      }
    }
    levelAt.push({ at: h.span.start, area: area ? areas.length - 1 : -1, level: level?.kind });
  }
  closeArea(end);

  const placeAt = (offset: number): { area: number; level: LevelKind | undefined } => {
    const found = levelAt[partitionPoint(levelAt, (l) => l.at <= offset) - 1];
    return found ? { area: found.area, level: found.level } : { area: -1, level: undefined };
  };

  const criteria: Criterion[] = criteriaTasks.map((t, index) => {
    const place = placeAt(t.span.start);
    return {
      index,
      title: t.title!.text,
      titleSpan: t.title!.span,
      checkbox: t.checkbox,
      checked: t.checked,
      area: place.area,
      level: place.level,
      span: trimEnd(text, { start: t.span.start, end: nextBoundary(t.span.start) }),
      contentIndent: t.contentIndent,
      subItems: [],
      evaluation: '',
      evidence: [],
      todos: [],
      comments: [],
    };
  });
  for (const cr of criteria) {
    const a = areas[cr.area];
    if (!a) continue;
    a.criteria.push(cr.index);
    const lv = a.levels.find((l) => l.span.start <= cr.span.start && cr.span.start < l.span.end);
    lv?.criteria.push(cr.index);
  }
  for (const a of areas) {
    for (const lv of a.levels) {
      lv.notApplicable = lv.criteria.length === 0 && /\bN\/?A\b/.test(text.slice(lv.heading.end, lv.span.end));
    }
  }
  for (const t of c.tasks) {
    if (!t.nestedInCriterion) continue;
    const idx = criterionAt(criteria, t.span.start);
    if (idx >= 0) {
      const sub: SubItem = { checked: t.checked, text: t.text, checkbox: t.checkbox, span: t.span };
      criteria[idx]!.subItems.push(sub);
    }
  }

  // ---- TODOs
  const todos: Todo[] = c.todos.map((t, index) => ({
    index,
    owner: t.owner,
    ownerKey: ownerKey(t.owner),
    marker: t.marker,
    span: trimEnd(text, t.span),
    text: text.slice(t.marker.end, t.span.end).replace(/^\s*:?/, '').replace(/~~\s*$/, '').replace(/\s+/g, ' ').trim(),
    resolved: t.resolved,
    criterion: criterionAt(criteria, t.marker.start),
  }));
  for (const t of todos) if (t.criterion >= 0) criteria[t.criterion]!.todos.push(t.index);

  // ---- comments
  const comments: TemplateComment[] = c.comments.map((cm, index) => ({ index, ...cm, criterion: criterionAt(criteria, cm.span.start) }));
  for (const cm of comments) if (cm.criterion >= 0) criteria[cm.criterion]!.comments.push(cm.index);

  // ---- links
  const todoSpans = new SpanSet(todos.map((t) => t.span));
  const links: Link[] = c.links.map((l, index) => {
    const url = l.syntax === 'reference' ? (c.definitions.get(l.label ?? '') ?? '') : l.url;
    const criterion = criterionAt(criteria, l.span.start);
    const cr = criteria[criterion];
    return {
      index,
      syntax: l.syntax,
      target: classify(url),
      url,
      text: l.text,
      span: l.span,
      urlSpan: l.urlSpan,
      criterion,
      inTitle: !!cr && l.span.start >= cr.titleSpan.start && l.span.end <= cr.titleSpan.end,
      inTodo: todoSpans.overlaps(l.span),
    };
  });
  for (const l of links) {
    if (l.criterion < 0 || l.inTitle || l.inTodo) continue;
    if (l.target === 'web' || l.target === 'relative') criteria[l.criterion]!.evidence.push(l.index);
  }

  // ---- malformed links
  const malformedLinks: MalformedLink[] = [];
  const linkSpans = new SpanSet(links.map((l) => l.span));
  for (const l of links) {
    if (l.syntax === 'reference') continue;
    const at = l.urlSpan ?? l.span;
    if (l.url === '' && (l.syntax === 'inline' || l.syntax === 'definition')) {
      malformedLinks.push({ reason: 'empty', span: l.span, url: '', criterion: l.criterion });
    } else if (/\s/.test(l.url)) {
      malformedLinks.push({ reason: 'spaces', span: at, url: l.url, criterion: l.criterion });
    } else if (l.target === 'relative' && looksLikeDomain(l.url)) {
      malformedLinks.push({ reason: 'no-scheme', span: at, url: l.url, criterion: l.criterion });
    }
  }
  const glued = /[A-Za-z0-9](https?:\/\/[^\s<>()[\]]*)/g;
  for (const ts of c.textSpans) {
    const raw = text.slice(ts.start, ts.end);
    if (raw.includes('http')) {
      for (let m = glued.exec(raw); m; m = glued.exec(raw)) {
        const start = ts.start + m.index + 1;
        const s = { start, end: start + m[1]!.length };
        if (!linkSpans.overlaps(s)) malformedLinks.push({ reason: 'glued', span: s, url: m[1]!, criterion: criterionAt(criteria, start) });
      }
    }
    if (raw.includes('](')) {
      for (const u of unparsedLinkTargets(raw)) {
        const target = u.target;
        // `[text](url "title")` is a valid link that did not parse for another reason; only
        // report destinations with spaces inside
        if (/^\S+\s+(["'(]).*\1?$/.test(target.trim())) continue;
        const start = ts.start + u.start;
        const s = { start, end: start + target.length };
        malformedLinks.push({ reason: 'spaces', span: s, url: target, criterion: criterionAt(criteria, start) });
      }
    }
  }
  malformedLinks.sort((a, b) => a.span.start - b.span.start);

  // ---- placeholders
  const codeAndHtml = new SpanSet([...c.codeSpans, ...c.htmlSpans]);
  const fmEnd = frontMatterEnd(text);
  const placeholders = (c.placeholders ?? findPlaceholders(text, codeAndHtml, linkSpans)).filter((p) => p.span.start >= fmEnd).map((p) => ({ ...p, criterion: criterionAt(criteria, p.span.start) }));

  // ---- evaluation text: the body less its title, template comments, TODOs and sub-items
  for (const cr of criteria) {
    const masks: Span[] = [
      { start: cr.span.start, end: cr.checkbox.end },
      cr.titleSpan,
      ...cr.comments.map((i) => comments[i]!.span),
      ...cr.todos.map((i) => todos[i]!.span),
      ...cr.subItems.map((s) => s.span),
    ].sort((a, b) => a.start - b.start);
    let out = '';
    let pos = cr.span.start;
    for (const m of masks) {
      if (m.start > pos) out += text.slice(pos, Math.min(m.start, cr.span.end)) + ' ';
      pos = Math.max(pos, m.end);
    }
    if (pos < cr.span.end) out += text.slice(pos, cr.span.end);
    cr.evaluation = evaluationOf(out);
  }
  evaluationMemo.next();

  const { title, project, level: docLevel } = readTitle(c.headings, areas);
  return {
    text,
    lines,
    title,
    project,
    level: docLevel,
    headings: c.headings,
    areas,
    criteria,
    todos,
    placeholders,
    links,
    comments,
    malformedLinks,
  };
}

export function ownerKey(owner: string): string {
  return owner.replace(/\s+/g, ' ').trim().toLowerCase();
}

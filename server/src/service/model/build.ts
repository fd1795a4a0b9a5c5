/**
 * mdast (top-level nodes with document offsets) → DiligenceModel.
 *
 * Structure comes from positions, not from markdown nesting: a criterion's body is everything
 * from its list item to the next criterion or heading, even text and comments that are not
 * indented under the item (real documents do this). TODOs, links, comments and placeholders
 * are then given to the criterion whose body holds them.
 */
import type { RootContent } from 'mdast';
import { LineIndex } from '../text/lineIndex';
import { partitionPoint } from '../text/binarySearch';
import { frontMatterEnd } from './frontMatter';
import { evaluationPartsOf, EvaluationMemo } from './evaluation';
import { backtickProblem, forkProblems, targetProblem, textProblems, withCriterion } from './malformed';
import { DOCUMENTED_TOKENS, findPlaceholders } from './placeholders';
import { unparsedLinkTargets } from './scan';
import { collect, type Collected } from './collect';
import {
  type Area,
  type Criterion,
  type DiligenceModel,
  type Heading,
  type LevelKind,
  type Link,
  type LinkTarget,
  type MalformedLink,
  PROJECT_LEVELS,
  type ProjectLevel,
  type Span,
  type SubItem,
  type TemplateComment,
  type Title,
  type Todo,
} from './types';

const LEVEL_HEADING = /^(suggested|required)\b/i;
const SUMMARY_HEADING = /\b(?:evaluation|criteria)\s+summary\b|^summary$/i;

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
    const m = /^(?:(\w+)\s+)?(?:evaluation|criteria)\s+summary\s+(?:for|of)\s(.+)$/i.exec(summary.name);
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

/** `memo`: the evaluation texts of the previous build (the model store's), for unchanged bodies. */
/** Areas, levels and criteria (with their sub-items) from the headings and task items. */
/**
 * Whether the `##` section opened by heading `i` has a level or a criterion: one right after the
 * summary that has neither ("## Blockers…") is more summary.
 */
function checklistSections(c: Collected, end: number): (i: number) => boolean {
  const starts = [...c.tasks.filter((t) => t.title && !t.nestedInCriterion).map((t) => t.span.start), ...c.headings.filter((h) => h.depth === 3 && LEVEL_HEADING.test(h.text)).map((h) => h.span.start)].sort((a, b) => a - b);
  const nextTop: number[] = [];
  for (let i = c.headings.length - 1, at = end; i >= 0; i--) {
    nextTop[i] = at;
    if (c.headings[i]!.depth <= 2) at = c.headings[i]!.span.start;
  }
  return (i) => (starts[partitionPoint(starts, (x) => x < c.headings[i]!.span.start)] ?? Infinity) < nextTop[i]!;
}

function structure(text: string, c: Collected): { areas: Area[]; criteria: Criterion[] } {
  const end = text.length;

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
  const checklistUntil = checklistSections(c, end);
  c.headings.forEach((h, i) => {
    if (h.depth === 2 && area?.kind === 'summary' && !SUMMARY_HEADING.test(h.text)) {
      if (!checklistUntil(i)) {
        levelAt.push({ at: h.span.start, area: areas.length - 1, level: undefined });
        return;
      }
    }
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
  });
  closeArea(end);

  const placeAt = (offset: number): { area: number; level: LevelKind | undefined } => {
    const found = levelAt[partitionPoint(levelAt, (l) => l.at <= offset) - 1];
    return found ? { area: found.area, level: found.level } : { area: -1, level: undefined };
  };

  // ---- criteria and sub-items
  const criteriaTasks = c.tasks.filter((t) => {
    if (!t.title || t.nestedInCriterion) return false;
    if (!t.noCheckbox) return true;
    const place = placeAt(t.span.start);
    return place.level !== undefined && areas[place.area]?.kind === 'checklist';
  });
  const boundaries = [...c.headings.map((h) => h.span.start), ...criteriaTasks.map((t) => t.span.start)].sort((a, b) => a - b);
  const nextBoundary = (after: number): number => boundaries[partitionPoint(boundaries, (b) => b <= after)] ?? end;

  const criteria: Criterion[] = criteriaTasks.map((t, index) => {
    const place = placeAt(t.span.start);
    return {
      index,
      title: t.title!.text,
      titleSpan: t.title!.span,
      checkbox: t.checkbox,
      checked: t.checked,
      hasCheckbox: !t.noCheckbox,
      area: place.area,
      level: place.level,
      span: trimEnd(text, { start: t.span.start, end: nextBoundary(t.span.start) }),
      contentIndent: t.contentIndent,
      subItems: [],
      evaluation: '',
      evaluationParts: [],
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
      const sub: SubItem = { checked: t.checked, text: t.text, ...(t.title ? { title: t.title.text } : {}), checkbox: t.checkbox, span: t.span };
      criteria[idx]!.subItems.push(sub);
    }
  }

  return { areas, criteria };
}

/** The TODOs and template comments, each given to the criterion that holds it. */
function todosAndComments(text: string, c: Collected, criteria: Criterion[]): { todos: Todo[]; comments: TemplateComment[] } {
  // ---- TODOs: each ends at the next marker at the latest (two on a line, two lines in a row)
  const todos: Todo[] = c.todos.map((raw, index) => {
    const next = c.todos[index + 1];
    return next && next.marker.start < raw.span.end && next.marker.start > raw.marker.start ? { ...raw, span: { start: raw.span.start, end: next.marker.start } } : raw;
  }).map((t, index) => ({
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

  return { todos, comments };
}

/** The links (each given to its criterion, evidence or not) and the malformed ones. */
function linksOf(text: string, c: Collected, criteria: Criterion[], todos: readonly Todo[]): { links: Link[]; malformedLinks: MalformedLink[]; linkSpans: SpanSet } {
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
    } else if (/\s/.test(l.url) && !(l.urlSpan && text[l.urlSpan.start - 1] === '<')) {
      malformedLinks.push({ reason: 'spaces', span: at, url: l.url, criterion: l.criterion });
    } else if (l.target === 'relative' && looksLikeDomain(l.url)) {
      malformedLinks.push({ reason: 'no-scheme', span: at, url: l.url, criterion: l.criterion });
    } else if (l.urlSpan) {
      const p = targetProblem(text.slice(l.urlSpan.start, l.urlSpan.end), l.urlSpan);
      if (p) malformedLinks.push(withCriterion(p, l.criterion));
    }
  }
  for (const p of forkProblems(links, text)) malformedLinks.push(withCriterion(p, criterionAt(criteria, p.span.start)));
  for (const cs of c.codeSpans) {
    const p = text.charCodeAt(cs.start) === 96 ? backtickProblem(text, cs) : undefined;
    if (p) malformedLinks.push(withCriterion(p, criterionAt(criteria, p.span.start)));
  }
  const glued = /[A-Za-z0-9](https?:\/\/[^\s<>()[\]]*)/g;
  for (const ts of c.textSpans) {
    const raw = text.slice(ts.start, ts.end);
    for (const p of textProblems(raw, ts.start)) malformedLinks.push(withCriterion(p, criterionAt(criteria, p.span.start)));
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

  return { links, malformedLinks, linkSpans };
}

export function buildFromCollected(text: string, c: Collected, lines: LineIndex = new LineIndex(text), memo: EvaluationMemo = new EvaluationMemo()): DiligenceModel {
  const { areas, criteria } = structure(text, c);
  const { todos, comments } = todosAndComments(text, c, criteria);
  const { links, malformedLinks, linkSpans } = linksOf(text, c, criteria, todos);

  // ---- placeholders
  const codeAndHtml = new SpanSet([...c.codeSpans, ...c.htmlSpans]);
  const fmEnd = frontMatterEnd(text);
  const allPlaceholders = (c.placeholders ?? findPlaceholders(text, codeAndHtml, linkSpans)).filter((p) => p.span.start >= fmEnd).map((p) => ({ ...p, criterion: criterionAt(criteria, p.span.start) }));
  // `$HOME`, `$KUBECONFIG`: shell variables unless a template the document is held to has them
  const placeholders = allPlaceholders.filter((p) => p.kind !== 'token' || DOCUMENTED_TOKENS.has(p.text));
  const otherTokens = allPlaceholders.filter((p) => p.kind === 'token' && !DOCUMENTED_TOKENS.has(p.text));
  const codeSpans = c.codeSpans.filter((x) => x.start >= fmEnd), htmlSpans = c.htmlSpans.filter((x) => x.start >= fmEnd);

  // ---- evaluation text: the body less its title, template comments, TODOs and unchecked
  // sub-items (a checked sub-item is an answer: "- [x] We met the project on 01-May-2025.")
  for (const cr of criteria) {
    // built and sorted in place: the editor builds this for every criterion on each keystroke
    const masks: Span[] = [{ start: cr.span.start, end: cr.checkbox.end }, cr.titleSpan];
    for (const i of cr.comments) masks.push(comments[i]!.span);
    for (const i of cr.todos) masks.push(todos[i]!.span);
    for (const x of cr.subItems) masks.push(x.checked ? { start: x.span.start, end: x.checkbox.end } : x.span);
    sortByStart(masks);
    let out = '';
    let pos = cr.span.start;
    for (const m of masks) {
      if (m.start > pos) out += text.slice(pos, Math.min(m.start, cr.span.end)) + '\n\n';
      pos = Math.max(pos, m.end);
    }
    if (pos < cr.span.end) out += text.slice(pos, cr.span.end);
    cr.evaluationParts = evaluationPartsOf(out, memo);
    cr.evaluation = cr.evaluationParts.join(' ');
  }
  memo.next();

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
    otherTokens,
    codeSpans,
    htmlSpans,
    links,
    comments,
    malformedLinks,
  };
}

/**
 * Sorts spans by their start, in place and stably: a few by insertion (Array.prototype.sort
 * allocates per call, and a criterion has a handful), many (a criterion with hundreds of
 * sub-items) by Array.prototype.sort.
 */
function sortByStart(spans: Span[]): void {
  if (spans.length > 32) {
    spans.sort((a, b) => a.start - b.start);
    return;
  }
  for (let i = 1; i < spans.length; i++) {
    const s = spans[i]!;
    let j = i - 1;
    for (; j >= 0 && spans[j]!.start > s.start; j--) spans[j + 1] = spans[j]!;
    spans[j + 1] = s;
  }
}

export function ownerKey(owner: string): string {
  return owner.replace(/\s+/g, ' ').trim().toLowerCase();
}

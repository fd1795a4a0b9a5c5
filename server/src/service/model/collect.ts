/**
 * One walk over mdast nodes (a chunk's, or the whole document's): the headings, task items,
 * links, TODOs, comments and the spans the build needs, with document offsets.
 */
import type { Nodes, PhrasingContent, RootContent } from 'mdast';
import { normaliseLabel } from './parse';
import { htmlComments, matchTodoMarker } from './scan';
import type { CommentKind, Heading, LinkSyntax, Placeholder, Span } from './types';

export interface TaskItem {
  span: Span;
  checked: boolean;
  checkbox: Span;
  contentIndent: number;
  /** the bold title, when the item's text starts with one */
  title?: { text: string; span: Span };
  /** inside another task item that is a criterion */
  nestedInCriterion: boolean;
  text: string;
  /** `- **Title.**` with no checkbox: a criterion when it is in a level of a checklist area */
  noCheckbox?: true;
}

export interface RawLink {
  syntax: LinkSyntax;
  url: string;
  label?: string;
  text: string;
  span: Span;
  urlSpan: Span | undefined;
}

export interface RawTodo {
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

  const visit = (node: Nodes, parent: Nodes, paragraph: { node: Nodes; container: Nodes } | undefined, inCriterion: boolean, inDelete: boolean): void => {
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
        } else if (!inCriterion) {
          const bullet = boldBullet(text, node);
          if (bullet) c.tasks.push(bullet);
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
        if (raw.includes('http') || raw.includes('](') || raw.includes('<') || raw.includes('[')) c.textSpans.push(s);
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
      // a TODO's block: its paragraph, or the table cell or heading it is in
      const para = node.type === 'paragraph' || node.type === 'tableCell' || node.type === 'heading' ? { node, container: parent } : paragraph;
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

/**
 * `- **Complete a governance review.**` at the start of a line, with no checkbox: a criterion
 * written without one (not a TODO marker, not a `**Label:**`, at least two words).
 */
function boldBullet(text: string, node: Nodes & { type: 'listItem' }): TaskItem | undefined {
  const s = span(node);
  if (s.start !== lineStartOf(text, s.start)) return undefined;
  const head = /^(?:[*+-]|\d{1,9}[.)])[ \t]+\*\*/.exec(text.slice(s.start, s.start + 16));
  const first = node.children[0];
  if (!head || !first || first.type !== 'paragraph') return undefined;
  const strong = firstMeaningful(first.children);
  if (!strong || strong.type !== 'strong') return undefined;
  const t = toText(strong).replace(/\s+/g, ' ').trim();
  const ts = span(strong);
  if (t.split(' ').length < 2 || t.endsWith(':') || matchTodoMarker(t) || /^[ \t]*:/.test(text.slice(ts.end, ts.end + 4))) return undefined;
  const at = span(first).start;
  return {
    span: s,
    checked: false,
    checkbox: { start: at, end: at },
    contentIndent: at - s.start,
    title: { text: t, span: ts },
    nestedInCriterion: false,
    text: toText(node).replace(/\s+/g, ' ').trim(),
    noCheckbox: true,
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

function rawTodo(text: string, strong: Nodes, parent: Nodes, container: Nodes, m: readonly string[], inDelete: boolean): RawTodo | undefined {
  const owner = (m[2] ?? '').replace(/\s+/g, ' ').trim();
  if (!owner) return undefined;
  const marker = span(strong);
  const para = span(parent);
  const before = text.slice(para.start, marker.start);
  // the marker opens its paragraph (or cell), or its line, a strikethrough around it allowed
  const opensBlock = /^[\s~]*$/.test(before);
  const opensLine = opensBlock || /(?:^|[\n\r])[ \t~]*$/.test(before.slice(Math.max(before.lastIndexOf('\n'), before.lastIndexOf('\r'), 0)));
  // elsewhere it takes a colon, in or after the bold: a TODO mentioned in passing is not a TODO
  const colon = toText(strong).trimEnd().endsWith(':') || /^[ \t]*:/.test(text.slice(marker.end, marker.end + 8));
  if (!opensLine && !colon) return undefined;
  let end = para.end;
  // a table cell's span takes in its closing pipe
  if (parent.type === 'tableCell') while (end > marker.end && ' \t|'.includes(text[end - 1]!)) end--;
  if (!opensBlock) {
    // a marker within a paragraph runs to the end of its line
    const nl = text.slice(marker.end, para.end).search(/[\n\r]/);
    if (nl >= 0) end = marker.end + nl;
  }
  // "**TODO for X:**" alone on its paragraph, with the list that follows as its text
  const rest = text.slice(marker.end, para.end).replace(/^\s*:?\s*/, '');
  if (rest === '' && parent.type === 'paragraph') {
    if ('children' in container) {
      const siblings = container.children as Nodes[];
      const next = siblings[siblings.indexOf(parent) + 1];
      if (next && next.type === 'list') end = span(next).end;
    }
  }
  return { owner, marker, span: { start: marker.start, end }, resolved: m[1]!.toUpperCase() === 'DONE' || inDelete };
}


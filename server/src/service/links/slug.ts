/**
 * Anchors of documents: GitHub's heading slugs for markdown (github-slugger's rules) and
 * id/name attributes for HTML.
 */

// github-slugger removes everything that is not a letter, mark, number, connector punctuation
// (`_`), hyphen or space.
const REMOVE = /[^\p{L}\p{M}\p{N}\p{Pc}\- ]/gu;

export function githubSlug(text: string): string {
  return text.toLowerCase().replace(REMOVE, '').replace(/ /g, '-');
}

/** Gives duplicate slugs their -1, -2… suffix, as GitHub does within one document. */
export class Slugger {
  private readonly seen = new Map<string, number>();
  slug(text: string): string {
    const base = githubSlug(text);
    let slug = base;
    let n = this.seen.get(base) ?? 0;
    while (this.seen.has(slug)) slug = `${base}-${++n}`;
    this.seen.set(base, n);
    this.seen.set(slug, 0);
    return slug;
  }
}

// Headings come from fetched pages (up to 5 MB, possibly one line): every expression here runs in
// linear time. A link text has no `[` (the innermost brackets are the link, as CommonMark reads
// them) and a destination may hold one level of balanced parentheses; a tag has no `<` inside.
const DESTINATION = String.raw`\([^()]*(?:\([^()]*\)[^()]*)*\)`;
const IMAGE = new RegExp(String.raw`!\[([^[\]]*)\]` + DESTINATION, 'g');
const LINK = new RegExp(String.raw`\[([^[\]]*)\]` + DESTINATION, 'g');

/** The visible text of inline markdown, which is what the slug is made of. */
function plainText(inline: string): string {
  return stripEmphasis(inline
    .replace(IMAGE, '$1')
    .replace(LINK, '$1')
    .replace(/\[([^[\]]*)\]\[[^[\]]*\]/g, '$1')
    .replace(/<[^<>]+>/g, ''))
    .replace(/`/g, '')
    .replace(/\\([!-/:-@[-`{-~])/g, '$1')
    .trim();
}

const EMPHASIS = ['**', '__', '*', '_', '~~', '`'];
const isSpace = (ch: string | undefined): boolean => ch === undefined || /\s/.test(ch);

/**
 * `s.replace(/(\*\*|__|\*|_|~~|`)(?=\S)([\s\S]*?\S)\1/g, '$2')` without its quadratic scan when
 * delimiters have no closing one: the closing positions of each delimiter are found once, in order.
 */
export function stripEmphasis(s: string): string {
  const next = new Map<string, number>(EMPHASIS.map((d) => [d, -2]));
  // first position ≥ from where d closes (preceded by a non-space); positions only grow
  const closer = (d: string, from: number): number => {
    let p = next.get(d)!;
    if (p === -1 || p >= from) return p;
    p = from;
    for (;;) {
      p = s.indexOf(d, p);
      if (p < 0 || !isSpace(s[p - 1])) break;
      p++;
    }
    next.set(d, p);
    return p;
  };
  let out = '';
  let last = 0;
  let i = 0;
  while (i < s.length) {
    let matched = false;
    for (const d of EMPHASIS) {
      if (!s.startsWith(d, i) || isSpace(s[i + d.length])) continue;
      const close = closer(d, i + d.length + 1);
      if (close < 0) continue;
      out += s.slice(last, i) + s.slice(i + d.length, close);
      i = last = close + d.length;
      matched = true;
      break;
    }
    if (!matched) i++;
  }
  return out + s.slice(last);
}

/**
 * `/^ {0,3}#{1,6}(?:[ \t]+(.*?))?(?:[ \t]+#+)?[ \t]*$/` (quadratic in runs of spaces) as a scan:
 * the heading's text, or undefined when the line is not an ATX heading.
 */
export function atxHeading(line: string): string | undefined {
  const open = /^ {0,3}#{1,6}/.exec(line);
  if (!open || line[open[0].length] === '#') return undefined;
  const rest = line.slice(open[0].length);
  if (rest === '') return '';
  const lead = /^[ \t]+/.exec(rest);
  if (!lead) return undefined;
  const content = rest.slice(lead[0].length);
  if (/[\n\r\u2028\u2029]/.test(content)) return undefined;
  let end = content.length;
  while (end > 0 && (content[end - 1] === ' ' || content[end - 1] === '\t')) end--;
  // a closing run of #, after a space or tab, is not part of the text
  let hashes = end;
  while (hashes > 0 && content[hashes - 1] === '#') hashes--;
  if (hashes < end && hashes > 0 && (content[hashes - 1] === ' ' || content[hashes - 1] === '\t')) {
    end = hashes;
    while (end > 0 && (content[end - 1] === ' ' || content[end - 1] === '\t')) end--;
  }
  return content.slice(0, end);
}

/** Heading anchors of a markdown file as GitHub renders it, plus explicit `<a name|id>` anchors. */
export function markdownAnchors(text: string): string[] {
  const slugger = new Slugger();
  const anchors: string[] = [];
  const lines = text.split(/\r?\n/);
  let fence: string | undefined;
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i] ?? '';
    const fenceMatch = /^ {0,3}(`{3,}|~{3,})/.exec(line);
    if (fenceMatch) {
      const marker = fenceMatch[1] ?? '';
      if (fence === undefined) fence = marker;
      else if (marker[0] === fence[0] && marker.length >= fence.length) fence = undefined;
      continue;
    }
    if (fence !== undefined) continue;
    const atx = atxHeading(line);
    if (atx !== undefined) {
      anchors.push(slugger.slug(plainText(atx)));
    } else if (/^ {0,3}(=+|-+)[ \t]*$/.test(line) && i > 0 && (lines[i - 1] ?? '').trim() !== '' && !/^ {0,3}([-*+]|\d+[.)])\s/.test(lines[i - 1] ?? '')) {
      anchors.push(slugger.slug(plainText(lines[i - 1] ?? '')));
    }
    for (const m of line.matchAll(/<a\s[^<>]*?\b(?:name|id)\s*=\s*["']?([^"'\s<>]+)/gi)) anchors.push(m[1] ?? '');
  }
  return anchors.filter((a) => a !== '');
}

/** id and name attributes of an HTML page. */
export function htmlAnchors(html: string, limit = 5000): string[] {
  const out = new Set<string>();
  for (const m of html.matchAll(/<[a-zA-Z][^<>]*?\s(?:id|name)\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+))/g)) {
    const v = m[1] ?? m[2] ?? m[3] ?? '';
    if (v !== '') out.add(v);
    if (out.size >= limit) break;
  }
  return [...out];
}

/** Whether a fragment names one of the anchors (GitHub also accepts the user-content- prefix). */
export function hasAnchor(anchors: readonly string[], fragment: string): boolean {
  const f = fragment.replace(/^user-content-/, '');
  return anchors.includes(f) || anchors.includes(fragment) || anchors.some((a) => a.toLowerCase() === f.toLowerCase());
}

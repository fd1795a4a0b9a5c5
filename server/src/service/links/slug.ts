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

/** The visible text of inline markdown, which is what the slug is made of. */
function plainText(inline: string): string {
  return inline
    .replace(/!\[([^\]]*)\]\([^)]*\)/g, '$1')
    .replace(/\[([^\]]*)\]\([^)]*\)/g, '$1')
    .replace(/\[([^\]]*)\]\[[^\]]*\]/g, '$1')
    .replace(/<[^>]+>/g, '')
    .replace(/(\*\*|__|\*|_|~~|`)(?=\S)([\s\S]*?\S)\1/g, '$2')
    .replace(/`/g, '')
    .replace(/\\([!-/:-@[-`{-~])/g, '$1')
    .trim();
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
    const atx = /^ {0,3}#{1,6}(?:[ \t]+(.*?))?(?:[ \t]+#+)?[ \t]*$/.exec(line);
    if (atx) {
      anchors.push(slugger.slug(plainText(atx[1] ?? '')));
    } else if (/^ {0,3}(=+|-+)[ \t]*$/.test(line) && i > 0 && (lines[i - 1] ?? '').trim() !== '' && !/^ {0,3}([-*+]|\d+[.)])\s/.test(lines[i - 1] ?? '')) {
      anchors.push(slugger.slug(plainText(lines[i - 1] ?? '')));
    }
    for (const m of line.matchAll(/<a\s[^>]*?\b(?:name|id)\s*=\s*["']?([^"'\s>]+)/gi)) anchors.push(m[1] ?? '');
  }
  return anchors.filter((a) => a !== '');
}

/** id and name attributes of an HTML page. */
export function htmlAnchors(html: string, limit = 5000): string[] {
  const out = new Set<string>();
  for (const m of html.matchAll(/<[a-zA-Z][^>]*?\s(?:id|name)\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+))/g)) {
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

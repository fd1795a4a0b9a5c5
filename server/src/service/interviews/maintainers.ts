import { inlineLinksToText } from '../text/trim';

/**
 * The project's maintainers as the interview check needs them: names and GitHub handles. Any
 * source feeds the same list: a MAINTAINERS file (markdown table or list, `Name <mail> (@handle)`
 * lines), a `.project` maintainers.yaml (`- handle` or `github: handle` entries), or a host that
 * already knows them. Matching is on a handle, or on a full name of two words or more.
 */

export interface Maintainer {
  name?: string;
  handle?: string;
}

const MAX_TEXT = 512 * 1024;
const MAX_MAINTAINERS = 2000;

const norm = (s: string): string => s.normalize('NFKC').toLowerCase().replace(/\s+/g, ' ').trim();
const HANDLE = /(?:^|[\s(|[,:])@([A-Za-z\d](?:[A-Za-z\d]|-(?=[A-Za-z\d])){0,38})\b/g;
const GITHUB_URL = /github\.com\/([A-Za-z\d](?:[A-Za-z\d]|-(?=[A-Za-z\d])){0,38})(?=[\s)\]>|/]|$)/g;

/** A person's name from a markdown table cell or list line: words with capitals, no markup. */
function nameIn(s: string): string | undefined {
  const t = inlineLinksToText(s).replace(/<[^<>]*>|\([^()]*\)|@[\w-]+|[*_`]/g, ' ').replace(/\s+/g, ' ').trim();
  return /^\p{Lu}[\p{L}'.-]+(?: \p{Lu}[\p{L}'.-]*){1,4}$/u.test(t) ? t : undefined;
}

/** Maintainers read from a MAINTAINERS file or a maintainers.yaml (bounded; unknown shapes give nothing). */
export function maintainersFromText(text: string): Maintainer[] {
  const out: Maintainer[] = [];
  for (const raw of text.slice(0, MAX_TEXT).split('\n')) {
    if (out.length >= MAX_MAINTAINERS) break;
    const line = raw.replace(/\r$/, '');
    const handles = new Set<string>();
    for (const m of line.matchAll(HANDLE)) handles.add(m[1]!);
    for (const m of line.matchAll(GITHUB_URL)) handles.add(m[1]!);
    const yaml = /^\s*(?:-\s+)?(?:github|handle|login)\s*:\s*['"]?@?([\w-]{1,39})['"]?\s*$/i.exec(line) ?? /^\s*-\s+['"]?@?([\w-]{1,39})['"]?\s*$/.exec(line);
    if (yaml) handles.add(yaml[1]!);
    const yamlName = /^\s*(?:-\s+)?name\s*:(.*)$/i.exec(line);
    const first = line.trim().startsWith('|') ? line.split('|')[1] ?? '' : line.replace(/^\s*(?:[-*+]|\d+[.)])\s+/, '').split(/[|,<(]/)[0] ?? '';
    const name = yamlName ? nameIn(yamlName[1]!.replace(/['"]/g, '').split('#')[0]!.trim()) : handles.size > 0 || /^\s*[-*+|]/.test(line) ? nameIn(first) : undefined;
    if (handles.size === 0 && name) out.push({ name });
    for (const h of handles) out.push({ handle: h, ...(name ? { name } : {}) });
  }
  return out;
}

/** The maintainer an interviewee is (`Jane Doe (@jdoe)`, `@jdoe` or `Jane Doe`), if any. */
export function maintainerMatch(interviewee: string, maintainers: readonly Maintainer[]): Maintainer | undefined {
  const handles = [...interviewee.matchAll(/@([\w-]{1,39})/g)].map((m) => m[1]!.toLowerCase());
  const name = norm(interviewee.replace(/\([^()]*\)|<[^<>]*>|@[\w-]+/g, ' '));
  return maintainers.find((m) =>
    (m.handle !== undefined && handles.includes(m.handle.toLowerCase())) ||
    (m.name !== undefined && name.includes(' ') && norm(m.name) === name));
}

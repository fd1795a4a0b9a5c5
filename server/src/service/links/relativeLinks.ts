/**
 * Relative links, checked against the workspace through the host's FileSystem, confined: a
 * target must be a regular file (or a folder) inside the workspace folders (or the document's
 * repository). A repository someone else wrote may hold `../../etc/passwd`, a symbolic link to
 * /dev/zero, a FIFO or a UNC path: those are "not checked", and nothing about a file outside is
 * told (test/links/confinement.test.ts).
 */
import { throwIfCancelled, type CancellationToken, type FileSystem } from '../host';
import { fragmentOf, stripFragment, verdict } from './linkVerdict';
import { markdownAnchors } from './slug';
import type { LinkResult } from './types';
import { Code } from '../codes';

/** bytes of a relative link's target read for its headings */
const MAX_RELATIVE_BYTES = 5 * 1024 * 1024;

/** The folders relative links may reach: the given roots of the document's scheme (file, vscode-vfs…), or the document's own folder. */
export function linkRoots(documentUri: string, given: readonly string[] | undefined): string[] {
  const scheme = /^[a-z][a-z0-9+.-]*:/i.exec(documentUri)?.[0].toLowerCase();
  const roots = (given ?? []).filter((r) => scheme !== undefined && r.toLowerCase().startsWith(scheme));
  if (roots.length > 0) return roots.map((r) => (r.endsWith('/') ? r.slice(0, -1) : r));
  try {
    return [new URL('.', documentUri).href.replace(/\/$/, '')];
  } catch {
    return [];
  }
}

export async function checkRelative(files: FileSystem, url: string, documentUri: string, roots: readonly string[], now: number, token: CancellationToken): Promise<LinkResult | undefined> {
  // Root-relative links mean the repository root, which the document URI does not tell.
  if (url.startsWith('/') || url.startsWith('#')) return undefined;
  let target: URL;
  try {
    target = new URL(url, documentUri);
  } catch {
    return undefined;
  }
  target.hash = '';
  target.search = '';
  const notChecked = (why: string): LinkResult => ({ url, problems: [{ code: Code.linkNotChecked, message: `${stripFragment(url)}: ${why}, not checked.` }], fromCache: false });
  // `\\host\share\x.md` resolves to file://host/…, which Node would open over SMB
  if (target.protocol === 'file:' && target.host !== '') return notChecked(`on another machine (${target.host})`);
  const uri = target.href;
  const wantText = fragmentOf(url) !== '' && /\.(md|markdown)$/i.test(target.pathname);
  const missing: LinkResult = { url, problems: [{ code: Code.linkBroken, message: `${stripFragment(url)} does not exist in the workspace.` }], fromCache: false };
  const fine: LinkResult = { url, problems: [], fromCache: false };
  if (files.linkTarget) {
    const t = await files.linkTarget(uri, roots, { wantText, maxBytes: MAX_RELATIVE_BYTES });
    throwIfCancelled(token);
    switch (t.kind) {
      case 'outside':
        return notChecked('outside the workspace');
      case 'special':
        return notChecked('not a regular file');
      case 'missing':
        return missing;
      case 'directory':
        return fine;
      case 'file':
        if (!wantText || t.text === undefined) return fine;
        return verdict(url, { checkedAt: now, problems: [], anchors: markdownAnchors(t.text), anchorsComplete: t.truncated !== true }, false);
    }
  }
  // a host without confinement of its own: the path must at least be under a root
  if (target.protocol === 'file:' && !roots.some((r) => uri.startsWith(r + '/'))) return notChecked('outside the workspace');
  if (wantText) {
    const text = await files.readFile(uri);
    throwIfCancelled(token);
    if (text === undefined) return missing;
    return verdict(url, { checkedAt: now, problems: [], anchors: markdownAnchors(text.slice(0, MAX_RELATIVE_BYTES)), anchorsComplete: text.length <= MAX_RELATIVE_BYTES }, false);
  }
  const exists = await files.exists(uri);
  throwIfCancelled(token);
  return exists ? fine : missing;
}

/**
 * The little of a file system the repository's own files need (the configuration file found
 * above a document, the interview files beside it): what is at a location, a bounded read, a
 * bounded folder listing, and the path arithmetic of the host's locations. Node passes paths
 * over node:fs (node/configFiles.ts), the browser and virtual workspaces pass URIs answered by
 * the client's file requests (handlers/clientFiles.ts); the look-ups themselves
 * (configLookup.ts, interviewFolder.ts) are written once, against this.
 */

export type EntryType = 'file' | 'directory' | 'other';

export interface FolderAccess {
  /** what is at `loc` (symbolic links: as the host reads them); undefined when nothing is there or it may not be asked */
  stat(loc: string): Promise<{ type: EntryType; size: number } | undefined>;
  /** at most `maxBytes` bytes of a regular file as text; throws an Error whose message says why it cannot be read */
  readText(loc: string, maxBytes: number): Promise<{ text: string; truncated: boolean }>;
  /** at most `maxEntries` names of a folder with their types (a symbolic link is 'other'); undefined when it cannot be listed */
  list?(dir: string, maxEntries: number): Promise<Array<{ name: string; type: EntryType }> | undefined>;
  /**
   * `loc` with its symbolic links resolved, where the host follows them (Node); a host whose
   * reads never follow a link (the client's requests) has none.
   */
  realLocation?(loc: string): Promise<string>;
  join(dir: string, name: string): string;
  /** the folder holding `loc`; `loc` itself at the top */
  dirname(loc: string): string;
  /** `loc` is `root` or inside it (lexically) */
  isInside(loc: string, root: string): boolean;
  /** a path written in a file (relative: to `base`) → a location, or undefined when it is none */
  resolve(base: string, written: string): string | undefined;
}

import { trimEndChars } from './text/trim';

const SCHEME = /^[a-z][a-z0-9+.-]*:/i;

function url(uri: string): URL | undefined {
  try {
    return new URL(uri);
  } catch {
    return undefined;
  }
}

/** `uri` is `root` or below it: same scheme and authority, and the path under the root's */
export function uriInside(uri: string, root: string): boolean {
  const u = url(uri);
  const r = url(root);
  if (!u || !r || u.protocol !== r.protocol || u.host !== r.host) return false;
  const base = r.pathname.endsWith('/') ? r.pathname : `${r.pathname}/`;
  return u.pathname === r.pathname || u.pathname === base.slice(0, -1) || u.pathname.startsWith(base);
}

/** The path arithmetic of URI locations (`vscode-vfs://github/acme/acme/dd/x.md`), dot segments resolved. */
export const uriPaths: Pick<FolderAccess, 'join' | 'dirname' | 'isInside' | 'resolve'> = {
  join: (dir, name) => `${trimEndChars(dir, '/')}/${encodeURIComponent(name)}`,
  dirname(loc) {
    const u = url(loc);
    if (!u || !u.pathname.startsWith('/')) return loc;
    u.hash = '';
    u.search = '';
    const path = trimEndChars(u.pathname, '/');
    if (path === '') return loc;
    u.pathname = path.slice(0, path.lastIndexOf('/')) || '/';
    return u.href.replace(/\/$/, '');
  },
  isInside: uriInside,
  resolve(base, written) {
    // another scheme's URI as it is (outside any root of this one: refused by the caller)
    if (SCHEME.test(written) && !/^[a-z]:[\\/]/i.test(written)) return url(written)?.href;
    try {
      return new URL(written.split('/').map(encodeURIComponent).join('/'), `${trimEndChars(base, '/')}/`).href;
    } catch {
      return undefined;
    }
  },
};

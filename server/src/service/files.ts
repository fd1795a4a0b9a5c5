/**
 * `diligence.files`: globs naming documents that are due-diligence documents whatever their
 * content. Matched against the path of the document's URI, so the same setting works for
 * `file:`, `untitled:` and virtual workspaces, and the core needs no file system.
 */

/** One glob → a regular expression over a `/`-separated path. `**` crosses folders, `*` and `?` do not. */
export function globToRegExp(glob: string): RegExp {
  let src = '';
  let i = 0;
  let braces = 0;
  while (i < glob.length) {
    const ch = glob[i]!;
    if (ch === '*') {
      if (glob[i + 1] === '*') {
        // `**/` matches zero or more folders; a trailing `**` matches anything
        if (glob[i + 2] === '/') {
          src += '(?:[^/]*/)*';
          i += 3;
        } else {
          src += '.*';
          i += 2;
        }
        continue;
      }
      src += '[^/]*';
    } else if (ch === '?') {
      src += '[^/]';
    } else if (ch === '{') {
      braces++;
      src += '(?:';
    } else if (ch === '}' && braces > 0) {
      braces--;
      src += ')';
    } else if (ch === ',' && braces > 0) {
      src += '|';
    } else if (ch === '[') {
      const end = glob.indexOf(']', i + 1);
      if (end > i + 1) {
        const body = glob.slice(i + 1, end).replace(/\\/g, '\\\\');
        src += `[${body.startsWith('!') ? '^' + body.slice(1) : body}]`;
        i = end + 1;
        continue;
      }
      src += '\\[';
    } else {
      src += ch.replace(/[.+^${}()|[\]\\]/g, '\\$&');
    }
    i++;
  }
  while (braces-- > 0) src += ')';
  return new RegExp(`^${src}$`, 'i');
}

/** The decoded path of a URI (`file:///a/b.md` → `/a/b.md`, `untitled:Untitled-1` → `Untitled-1`). */
export function uriPath(uri: string): string {
  let path: string;
  try {
    path = new URL(uri).pathname;
  } catch {
    path = uri;
  }
  try {
    path = decodeURIComponent(path);
  } catch {
    // keep the encoded form
  }
  return path.replace(/\\/g, '/');
}

/**
 * A matcher for `diligence.files`. A pattern starting with `/` (or a drive letter) is matched
 * against the whole path; any other pattern is relative and matches at any depth, the way a
 * workspace-relative glob does (`dd/*.md` matches `/work/repo/dd/kserve.md`).
 */
export function compileFileGlobs(patterns: readonly string[]): (uri: string) => boolean {
  const res: RegExp[] = [];
  for (const raw of patterns) {
    const p = raw.trim().replace(/\\/g, '/');
    if (p === '') continue;
    const absolute = p.startsWith('/') || /^[a-z]:\//i.test(p);
    const glob = absolute ? p.replace(/^([a-z]:)/i, '/$1') : p.startsWith('**/') ? `/${p}` : `/**/${p.replace(/^\.\//, '')}`;
    try {
      res.push(globToRegExp(glob));
    } catch {
      // an unusable pattern matches nothing
    }
  }
  if (res.length === 0) return () => false;
  return (uri) => {
    const path = uriPath(uri);
    const rooted = path.startsWith('/') ? path : `/${path}`;
    return res.some((r) => r.test(rooted));
  };
}

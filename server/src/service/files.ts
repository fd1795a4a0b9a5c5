/**
 * `diligence.files`: globs naming documents that are due-diligence documents whatever their
 * content. Matched against the path of the document's URI, so the same setting works for
 * `file:`, `untitled:` and virtual workspaces, and the core needs no file system.
 */

/** One step of a compiled glob. */
type Step =
  | { kind: 'char'; ch: string }
  | { kind: 'one' } // `?`
  | { kind: 'set'; chars: string; negated: boolean } // `[…]`
  | { kind: 'star' } // `*`: any run without `/`
  | { kind: 'any' } // `**` at the end or not before `/`: any run
  | { kind: 'folders' }; // `**/`: zero or more folders

/** at most this many alternatives from `{a,b}` groups; a glob that expands to more matches nothing */
const MAX_ALTERNATIVES = 64;

/** `{a,b}` groups expanded into plain globs (nested groups included). */
function expandBraces(glob: string, out: string[] = []): string[] {
  if (out.length > MAX_ALTERNATIVES) return out;
  let depth = 0;
  let open = -1;
  for (let i = 0; i < glob.length; i++) {
    const ch = glob[i];
    if (ch === '{') {
      if (depth++ === 0) open = i;
    } else if (ch === '}' && depth > 0) {
      if (--depth === 0) {
        const parts: string[] = [];
        let d = 0;
        let from = open + 1;
        for (let k = open + 1; k < i; k++) {
          if (glob[k] === '{') d++;
          else if (glob[k] === '}') d--;
          else if (glob[k] === ',' && d === 0) {
            parts.push(glob.slice(from, k));
            from = k + 1;
          }
        }
        parts.push(glob.slice(from, i));
        for (const part of parts) expandBraces(glob.slice(0, open) + part + glob.slice(i + 1), out);
        return out;
      }
    }
  }
  // an unclosed `{` closes at the end, as the regular expression this replaces did
  if (depth > 0) return expandBraces(glob + '}'.repeat(depth), out);
  out.push(glob);
  return out;
}

function compileSteps(glob: string): Step[] {
  const steps: Step[] = [];
  for (let i = 0; i < glob.length; i++) {
    const ch = glob[i]!;
    if (ch === '*') {
      if (glob[i + 1] === '*') {
        if (glob[i + 2] === '/') {
          steps.push({ kind: 'folders' });
          i += 2;
        } else {
          steps.push({ kind: 'any' });
          i += 1;
        }
      } else steps.push({ kind: 'star' });
    } else if (ch === '?') steps.push({ kind: 'one' });
    else if (ch === '[' && glob.indexOf(']', i + 1) > i + 1) {
      const end = glob.indexOf(']', i + 1);
      const body = glob.slice(i + 1, end);
      steps.push(body.startsWith('!') ? { kind: 'set', chars: expandRanges(body.slice(1)), negated: true } : { kind: 'set', chars: expandRanges(body), negated: false });
      i = end;
    } else steps.push({ kind: 'char', ch: ch.toLowerCase() });
  }
  return steps;
}

/** `a-z0-9_` → its characters, lower-cased (ranges of at most 256) */
function expandRanges(body: string): string {
  let out = '';
  for (let i = 0; i < body.length; i++) {
    const a = body.charCodeAt(i);
    if (body[i + 1] === '-' && i + 2 < body.length) {
      const b = body.charCodeAt(i + 2);
      for (let c = a; c <= b && c - a < 256; c++) out += String.fromCharCode(c);
      i += 2;
    } else out += body[i];
  }
  return out.toLowerCase();
}

/**
 * Matches a path against compiled steps by simulating all positions at once (no backtracking):
 * time is the path's length times the glob's, whatever either holds.
 */
function matchSteps(steps: readonly Step[], path: string): boolean {
  const n = steps.length;
  // state k (0..n): before step k; state n+1+k: inside a folder name of the `**/` at step k
  let current = new Uint8Array(2 * n + 2);
  let next = new Uint8Array(2 * n + 2);
  const close = (set: Uint8Array): void => {
    // epsilon moves: `*`, `**`, `**/` may match nothing
    for (let k = 0; k < n; k++) {
      const s = steps[k]!;
      if (set[k] && (s.kind === 'star' || s.kind === 'any' || s.kind === 'folders')) set[k + 1] = 1;
    }
  };
  current[0] = 1;
  close(current);
  for (const raw of path) {
    const c = raw.toLowerCase();
    next.fill(0);
    let any = false;
    for (let k = 0; k < n; k++) {
      const s = steps[k]!;
      if (current[k]) {
        switch (s.kind) {
          case 'char':
            if (s.ch === c) next[k + 1] = 1;
            break;
          case 'one':
            if (c !== '/') next[k + 1] = 1;
            break;
          case 'set':
            if (s.chars.includes(c) !== s.negated) next[k + 1] = 1;
            break;
          case 'star':
            if (c !== '/') next[k] = 1;
            break;
          case 'any':
            next[k] = 1;
            break;
          case 'folders':
            if (c === '/') next[k] = 1;
            else next[n + 1 + k] = 1;
            break;
        }
      }
      if (s.kind === 'folders' && current[n + 1 + k]) {
        if (c === '/') next[k] = 1;
        else next[n + 1 + k] = 1;
      }
    }
    close(next);
    for (let k = 0; k < next.length; k++) if (next[k]) any = true;
    if (!any) return false;
    [current, next] = [next, current];
  }
  return current[n] === 1;
}

/**
 * One glob → a matcher over a `/`-separated path, case-insensitive. `**` crosses folders, `*`
 * and `?` do not; `{a,b}` and `[…]` as usual. Matched without regular expressions (a workspace
 * setting `**\/a*a*a*…b.md` took 37 s against a long name with one).
 */
export function globMatcher(glob: string): (path: string) => boolean {
  const alternatives = expandBraces(glob);
  if (alternatives.length > MAX_ALTERNATIVES) return () => false;
  const compiled = alternatives.map(compileSteps);
  return (path) => compiled.some((steps) => matchSteps(steps, path));
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
  const res: Array<(path: string) => boolean> = [];
  for (const raw of patterns) {
    const p = raw.trim().replace(/\\/g, '/');
    if (p === '') continue;
    const absolute = p.startsWith('/') || /^[a-z]:\//i.test(p);
    const glob = absolute ? p.replace(/^([a-z]:)/i, '/$1') : p.startsWith('**/') ? `/${p}` : `/**/${p.replace(/^\.\//, '')}`;
    res.push(globMatcher(glob));
  }
  if (res.length === 0) return () => false;
  return (uri) => {
    const path = uriPath(uri);
    const rooted = path.startsWith('/') ? path : `/${path}`;
    return res.some((r) => r(rooted));
  };
}

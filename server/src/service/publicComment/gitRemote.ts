/**
 * What a git checkout says about the due diligence's pull request, read from its files (no git
 * process): the branch checked out (`HEAD`), the remotes and each branch's remote (`config`), and
 * which GitHub repository a remote is. Pure: the host reads the files (bounded) and hands the
 * texts in.
 */

export interface GitRemote {
  name: string;
  url: string;
}

export interface GitConfig {
  remotes: GitRemote[];
  /** branch → the remote it tracks (`[branch "x"] remote = origin`) */
  branchRemote: Map<string, string>;
}

/** The branch of a `HEAD` file (`ref: refs/heads/NAME`); undefined when detached or unreadable. */
export function branchOfHead(text: string): string | undefined {
  const m = /^ref:\s*refs\/heads\/(\S{1,250})\s*$/.exec(text.split('\n', 1)[0] ?? '');
  return m?.[1];
}

/** The remotes and tracked branches of a git `config` file (only what is needed; bounded by the caller). */
export function parseGitConfig(text: string): GitConfig {
  const remotes: GitRemote[] = [];
  const branchRemote = new Map<string, string>();
  let section: { kind: 'remote' | 'branch'; name: string } | undefined;
  for (const raw of text.split('\n').slice(0, 5000)) {
    const line = raw.trim();
    if (line.startsWith('[')) {
      const m = /^\[\s*(remote|branch)\s+"([^"]{1,250})"\s*\]$/.exec(line);
      section = m ? { kind: m[1] as 'remote' | 'branch', name: m[2]! } : undefined;
      continue;
    }
    if (!section) continue;
    const eq = line.indexOf('=');
    const key = eq > 0 ? line.slice(0, eq).trim().toLowerCase() : '';
    if (!/^[a-z][\w-]*$/.test(key)) continue;
    const value = line.slice(eq + 1).trim().replace(/^"(.*)"$/, '$1');
    if (section.kind === 'remote' && key === 'url' && !remotes.some((r) => r.name === section!.name) && remotes.length < 20) remotes.push({ name: section.name, url: value });
    if (section.kind === 'branch' && key === 'remote') branchRemote.set(section.name, value);
  }
  return { remotes, branchRemote };
}

/**
 * The repository (owner/name) a remote URL points to on the GitHub at `webHost` (github.com, or
 * an Enterprise server's host): https, ssh and scp-like forms; undefined for any other host.
 */
export function githubRepoOfRemote(url: string, webHost = 'github.com'): { owner: string; name: string } | undefined {
  const host = webHost.toLowerCase().replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const re = new RegExp(`^(?:(?:https?|ssh|git)://(?:[^@/]{1,100}@)?${host}(?::\\d{1,5})?/|(?:[^@/]{1,100}@)?${host}:)([\\w.-]{1,100})/([\\w.-]{1,100}?)(?:\\.git)?/?$`, 'i');
  const m = re.exec(url.trim());
  return m ? { owner: m[1]!, name: m[2]! } : undefined;
}

/** The web host of a GitHub API URL: api.github.com → github.com; https://ghe/api/v3 → ghe. */
export function webHostOfApi(apiUrl: string): string {
  try {
    const host = new URL(apiUrl).host.toLowerCase();
    return host === 'api.github.com' ? 'github.com' : host.replace(/^api\./, '');
  } catch {
    return 'github.com';
  }
}

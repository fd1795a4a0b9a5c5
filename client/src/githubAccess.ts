/**
 * Which GitHub sign-in serves the configured API, and the least it asks for: no scope for link
 * checks and evidence (public repositories are readable without one), `public_repo` only at the
 * moment an issue is opened, `repo` only when the target turns out to be private. No `vscode`
 * here, so it is tested without an editor.
 */
import { escapeMarkdown } from './format';

export const DEFAULT_API_URL = 'https://api.github.com';

/** the VS Code authentication provider for the configured GitHub API */
export interface GitHubProvider {
  id: 'github' | 'github-enterprise';
  /** github.com, or the Enterprise web host */
  host: string;
  /** diligence.github.apiUrl: the API the token is for */
  apiUrl: string;
  /** why no token can be asked for (github-enterprise.uri is not this API's server) */
  problem?: string;
}

function hostOf(url: string | undefined): string | undefined {
  if (!url) return undefined;
  try {
    return new URL(url).host.toLowerCase();
  } catch {
    return undefined;
  }
}

/**
 * github.com's API: the `github` provider. Any other API is a GitHub Enterprise server
 * (https://HOST/api/v3, or api.HOST): the `github-enterprise` provider, which signs in to the
 * server named by VS Code's `github-enterprise.uri`. When that is not the API's server, no token
 * is asked for at all: a github.com token never goes to an Enterprise API, nor one server's to another.
 */
export function githubProviderFor(apiUrl: string | undefined, enterpriseUri: string | undefined): GitHubProvider {
  const api = apiUrl?.trim() || DEFAULT_API_URL;
  const apiHost = hostOf(api);
  if (apiHost === undefined || apiHost === 'api.github.com') return { id: 'github', host: 'github.com', apiUrl: apiHost === undefined ? DEFAULT_API_URL : api };
  const host = apiHost.startsWith('api.') ? apiHost.slice(4) : apiHost;
  const configured = hostOf(enterpriseUri);
  const problem = configured === undefined
    ? `diligence.github.apiUrl is a GitHub Enterprise server (${host}): set github-enterprise.uri to https://${host} to sign in to it`
    : configured !== host
      ? `github-enterprise.uri (${configured}) is not the server of diligence.github.apiUrl (${host}): no GitHub token is used`
      : undefined;
  return { id: 'github-enterprise', host, apiUrl: api, ...(problem ? { problem } : {}) };
}

/** link checks and evidence discovery read public repositories: no scope at all */
export const READ_SCOPES: readonly string[] = [];

/** opening an issue: `public_repo`, or `repo` for a private repository */
export function issueScopes(privateTarget: boolean): string[] {
  return privateTarget ? ['repo'] : ['public_repo'];
}

/** why the issue needs more than the link checks' session (shown by the sign-in prompt) */
export function issueScopeReason(repo: string, privateTarget: boolean, host: string): string {
  return privateTarget
    ? `${repo} may be private: opening an issue there needs the "repo" scope (read and write access to all your private repositories on ${host}). It is used for this issue; link checks keep a session with no scope.`
    : `Opening an issue in ${repo} needs the "public_repo" scope (write access to public repositories on ${host}). It is used for this issue; link checks keep a session with no scope.`;
}

/** the server's answer when the token cannot see the repository or open issues in it */
export function mayBePrivate(message: string): boolean {
  return /not found, or the token may not open issues there|GitHub refused/i.test(message);
}

const SCOPE_MEANING: Record<string, string> = {
  public_repo: 'write access to public repositories',
  repo: 'read and write access to all private repositories',
};

/** "no scope (public data, read only)", "`public_repo` (write access to public repositories)" */
export function describeScopes(scopes: readonly string[]): string {
  if (scopes.length === 0) return 'no scope (public data, read only)';
  // a scope is a word (`read:org`): anything else is dropped, not rendered inside the code span
  return scopes.map((s) => `\`${s.replace(/[^\w:.-]/g, '')}\`${SCOPE_MEANING[s] ? ` (${SCOPE_MEANING[s]})` : ''}`).join(', ');
}

/** The GitHub line of the status tooltip (markdown): who is signed in where, with which scopes. */
export function githubAccessLine(provider: GitHubProvider, session: { account: string; scopes: readonly string[] } | undefined): string {
  const where = provider.id === 'github' ? 'GitHub' : `GitHub Enterprise (${escapeMarkdown(provider.host)})`;
  if (provider.problem) return `${where}: not used — ${escapeMarkdown(provider.problem)}`;
  if (!session) return `${where}: not signed in; links are checked anonymously`;
  return `${where}: signed in as ${escapeMarkdown(session.account)}; scopes held: ${describeScopes(session.scopes)}`;
}

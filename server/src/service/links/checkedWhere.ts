/**
 * Where a web link was checked, said when the configured GitHub API is not github.com's: a
 * document may cite both a GitHub Enterprise host and github.com, and only the Enterprise links
 * go to the Enterprise API (with its token); github.com links are then plain web requests,
 * without any token.
 */
import { githubWebHost } from './githubUrl';

function hostOf(url: string): string | undefined {
  try {
    return new URL(url).host.toLowerCase();
  } catch {
    return undefined;
  }
}

export function checkedWhere(url: string, viaApi: boolean, apiUrl: string): string | undefined {
  const apiHost = hostOf(apiUrl);
  if (apiHost === undefined || apiHost === 'api.github.com') return undefined;
  if (viaApi) return `through the GitHub API at ${apiHost} (the configured diligence.github.apiUrl)`;
  const host = hostOf(url);
  if (host === undefined) return undefined;
  if (host === 'github.com' || host.endsWith('.github.com') || host.endsWith('.githubusercontent.com')) {
    return `as a plain web request, without a token: only ${githubWebHost(apiUrl)} links go to the configured GitHub API (${apiHost})`;
  }
  return undefined;
}

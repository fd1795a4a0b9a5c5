/**
 * A repository shaped like cncf/toc for the action's test, made with git in a temporary folder:
 * the base branch, a pull request from a fork that adds a good and a bad due diligence and a
 * notes file the globs also match, and GitHub's merge commit checked out (as actions/checkout
 * does with fetch-depth: 2). Every text here is our own.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';

/** our own template, in the shape of the TOC's (areas, Suggested/Required, checkboxes) */
export const MINI_TEMPLATE = `# $PROJECT Incubation Due Diligence

## Incubation Evaluation Summary for $PROJECT

_$TOCMEMBER conducted the due diligence of $PROJECT._

## Governance and Maintainers

### Required

- [ ] **Clear and discoverable project governance documentation.**

<!-- (TOC Evaluation goes here) -->

- [ ] **Document complete list of current maintainers.**

<!-- (TOC Evaluation goes here) -->

## Security

### Required

- [ ] **Clearly defined and discoverable process to report security issues.**

<!-- (TOC Evaluation goes here) -->
`;

const PIN = '0123456789abcdef0123456789abcdef01234567';

/** `web`: the GitHub the documents link to (the fake's origin, as GitHub Enterprise's web host is its API's) */
export const GOOD = (web: string): string => `# Acme Mesh Incubation Due Diligence

## Incubation Evaluation Summary for Acme Mesh

_Marta Lopez conducted the due diligence of Acme Mesh._

## Governance and Maintainers

### Required

- [x] **Clear and discoverable project governance documentation.**

  The steering committee and its elections are in [GOVERNANCE.md](${web}/acme/mesh/blob/${PIN}/GOVERNANCE.md).

- [x] **Document complete list of current maintainers.**

  Nine maintainers from four companies, in [MAINTAINERS.md](${web}/acme/mesh/blob/${PIN}/MAINTAINERS.md).

## Security

### Required

- [x] **Clearly defined and discoverable process to report security issues.**

  Reports go to a private address, as [SECURITY.md](${web}/acme/mesh/blob/${PIN}/SECURITY.md) says.
`;

export const BAD = (web: string): string => `# Zeta Store Incubation Due Diligence

## Incubation Evaluation Summary for Zeta Store

_$TOCMEMBER conducted the due diligence of Zeta Store._

## Governance and Maintainers

### Required

- [x] **Clear and discoverable project governance documentation.**

  **TODO for Zeta team**: link the governance document.

- [ ] **Document complete list of current maintainers.**

  The list was in [MAINTAINERS](${web}/zeta/gone/blob/${PIN}/MAINTAINERS.md).

## Security

### Required

- [ ] **Clearly defined and discoverable process to report security issues.**

  **TODO for Zeta team**: publish a security policy.
`;

export const NOTES = `# Notes from the Acme Mesh call

We talked about the roadmap and agreed to meet again next month.
`;

export interface FixtureRepo {
  dir: string;
  baseSha: string;
  headSha: string;
  mergeSha: string;
}

function git(cwd: string, ...args: string[]): string {
  return execFileSync('git', args, {
    cwd,
    encoding: 'utf8',
    env: { ...process.env, GIT_AUTHOR_NAME: 'T', GIT_AUTHOR_EMAIL: 't@example.org', GIT_COMMITTER_NAME: 'T', GIT_COMMITTER_EMAIL: 't@example.org', GIT_CONFIG_NOSYSTEM: '1', HOME: cwd },
  }).trim();
}

function write(dir: string, files: Record<string, string>): void {
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, path)), { recursive: true });
    writeFileSync(join(dir, path), text);
  }
}

export function makeRepository(web: string): FixtureRepo {
  const dir = mkdtempSync(join(tmpdir(), 'diligence-action-repo-'));
  git(dir, 'init', '-q', '-b', 'main');
  // an older due diligence with findings the pull request does not touch
  write(dir, { 'README.md': '# TOC\n', 'projects/old/old-dd.md': BAD(web).replace(/Zeta Store/g, 'Old Project') });
  git(dir, 'add', '-A');
  git(dir, 'commit', '-q', '-m', 'base');
  const baseSha = git(dir, 'rev-parse', 'HEAD');
  git(dir, 'checkout', '-q', '-b', 'contributor/dd');
  write(dir, { 'projects/acme/acme-dd.md': GOOD(web), 'projects/zeta/zeta-dd.md': BAD(web), 'projects/acme/acme-notes-dd.md': NOTES, 'projects/acme/logo.svg': '<svg/>' });
  git(dir, 'add', '-A');
  git(dir, 'commit', '-q', '-m', 'Due diligences of Acme Mesh and Zeta Store');
  const headSha = git(dir, 'rev-parse', 'HEAD');
  // the base branch moved on meanwhile: GitHub's merge commit has it as first parent
  git(dir, 'checkout', '-q', 'main');
  write(dir, { 'README.md': '# TOC\n\nUpdated.\n' });
  git(dir, 'commit', '-q', '-am', 'elsewhere');
  git(dir, 'merge', '-q', '--no-ff', '-m', `Merge ${headSha} into main`, 'contributor/dd');
  const mergeSha = git(dir, 'rev-parse', 'HEAD');
  return { dir, baseSha, headSha, mergeSha };
}

/** A pull_request event as GitHub sends it (the fields the runner's payload has, trimmed). */
export function pullRequestEvent(repo: FixtureRepo): unknown {
  const user = { login: 'contributor', id: 1001, type: 'User' };
  return {
    action: 'synchronize',
    number: 1234,
    before: repo.baseSha,
    after: repo.headSha,
    pull_request: {
      url: 'https://api.github.com/repos/cncf/toc/pulls/1234',
      html_url: 'https://github.com/cncf/toc/pull/1234',
      number: 1234,
      state: 'open',
      title: 'Incubation due diligences',
      user,
      draft: false,
      merge_commit_sha: repo.mergeSha,
      head: { label: 'contributor:dd', ref: 'dd', sha: repo.headSha, user, repo: { full_name: 'contributor/toc', fork: true } },
      base: { label: 'cncf:main', ref: 'main', sha: repo.baseSha, user: { login: 'cncf', type: 'Organization' }, repo: { full_name: 'cncf/toc', fork: false } },
    },
    repository: { full_name: 'cncf/toc', name: 'toc', owner: { login: 'cncf', type: 'Organization' }, default_branch: 'main' },
    sender: user,
  };
}

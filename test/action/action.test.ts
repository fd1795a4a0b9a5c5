/**
 * The GitHub Action without GitHub (issue 14): the committed action/main.cjs run with the
 * variables the runner sets (a pull_request event, GITHUB_STEP_SUMMARY, GITHUB_OUTPUT, inputs
 * as INPUT_*), in a repository shaped like cncf/toc, against the fake GitHub API. What GitHub
 * would show is asserted exactly: the annotations, the job summary and the output.
 */
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { ROOT } from '../support/docs';
import { repo, sha, startFakeGitHub, type FakeGitHub } from '../support/fakeGitHub';
import { makeRepository, MINI_TEMPLATE, pullRequestEvent, type FixtureRepo } from './fixture';

const ACTION = join(ROOT, 'action', 'main.cjs');

/** action.yml's inputs and their defaults (its own small reader: the file is flat). */
export function actionInputs(): Map<string, string> {
  const lines = readFileSync(join(ROOT, 'action.yml'), 'utf8').split('\n');
  const out = new Map<string, string>();
  let section = '';
  let name = '';
  for (let i = 0; i < lines.length; i++) {
    const l = lines[i]!;
    if (/^\S/.test(l)) section = l.split(':')[0]!;
    else if (section === 'inputs' && /^ {2}[\w-]+:$/.test(l)) name = l.trim().slice(0, -1);
    else if (section === 'inputs' && l.startsWith('    default: |')) {
      const block: string[] = [];
      while (lines[i + 1]?.startsWith('      ')) block.push(lines[++i]!.slice(6));
      out.set(name, block.join('\n') + '\n');
    } else if (section === 'inputs' && l.startsWith('    default: ')) out.set(name, l.slice('    default: '.length).replace(/^'(.*)'$/, '$1'));
  }
  return out;
}

/** the inputs as the runner passes them: each input of action.yml, its default unless given (${{ github.token }} is the token) */
function inputs(given: Record<string, string>, token: string): Record<string, string> {
  const all = Object.fromEntries([...actionInputs()].map(([k, v]) => [k, v === '${{ github.token }}' ? token : v]));
  return Object.fromEntries(Object.entries({ ...all, ...given }).map(([k, v]) => [`INPUT_${k.toUpperCase()}`, v]));
}

interface Run { code: number | null; stdout: string; stderr: string; summary: string; output: string }

function runAction(fx: FixtureRepo, gh: FakeGitHub, given: Record<string, string> = {}, eventName = 'pull_request', event = pullRequestEvent(fx)): Promise<Run> {
  const tmp = mkdtempSync(join(tmpdir(), 'diligence-action-run-'));
  const eventPath = join(tmp, 'event.json');
  writeFileSync(eventPath, JSON.stringify(event));
  const summary = join(tmp, 'step_summary');
  const output = join(tmp, 'output');
  writeFileSync(summary, '');
  writeFileSync(output, '');
  const env: Record<string, string> = {
    PATH: process.env.PATH ?? '',
    HOME: tmp,
    CI: 'true',
    GITHUB_ACTIONS: 'true',
    GITHUB_EVENT_NAME: eventName,
    GITHUB_EVENT_PATH: eventPath,
    GITHUB_STEP_SUMMARY: summary,
    GITHUB_OUTPUT: output,
    GITHUB_WORKSPACE: fx.dir,
    GITHUB_REPOSITORY: 'cncf/toc',
    GITHUB_SERVER_URL: 'https://github.com',
    GITHUB_API_URL: gh.apiUrl,
    GITHUB_SHA: fx.mergeSha,
    GITHUB_REF: 'refs/pull/1234/merge',
    ...inputs(given, gh.token),
  };
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [ACTION], { cwd: fx.dir, env, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (b: Buffer) => { stdout += b.toString(); });
    child.stderr.on('data', (b: Buffer) => { stderr += b.toString(); });
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr, summary: readFileSync(summary, 'utf8'), output: readFileSync(output, 'utf8') }));
  });
}

describe('the GitHub Action (action/main.cjs in a simulated runner)', function () {
  this.timeout(60_000);
  let gh: FakeGitHub;
  let fx: FixtureRepo;
  before(async () => {
    const pin = '0123456789abcdef0123456789abcdef01234567';
    gh = await startFakeGitHub([
      repo('cncf/toc', { 'operations/toc-templates/template-dd-pr-incubation.md': MINI_TEMPLATE }),
      repo('acme/mesh', { 'GOVERNANCE.md': '# Governance\n', 'MAINTAINERS.md': '# Maintainers\n', 'SECURITY.md': '# Security\n' }, { commits: [pin, sha('acme/mesh@x')] }),
    ]);
    fx = makeRepository(gh.apiUrl);
  });
  after(async () => { await gh?.close(); });

  it('action.yml: node20, the committed bundle as main, the inputs and output of the issue', () => {
    const yml = readFileSync(join(ROOT, 'action.yml'), 'utf8');
    assert.match(yml, /^runs:\n {2}using: node20\n {2}main: action\/main\.cjs$/m);
    assert.deepEqual([...actionInputs().keys()].sort(), ['cache-dir', 'changed-only', 'config', 'fail-on', 'globs', 'job-summary', 'offline', 'severity', 'token'].sort());
    assert.equal(actionInputs().get('token'), '${{ github.token }}');
    assert.equal(actionInputs().get('globs'), 'projects/*/*-dd.md\nprojects/*/*due-diligence*.md\nprojects/*/*-incubation*.md\nprojects/*/*-graduation*.md\n');
    assert.match(yml, /^outputs:\n {2}exit-code:$/m);
  });

  it('a pull request with a good and a bad document: exactly these annotations, this summary and this output', async () => {
    const r = await runAction(fx, gh);
    assert.equal(r.code, 0, `advisory by default: ${r.stderr}`);
    const zeta = 'file=projects/zeta/zeta-dd.md';
    const linkLength = `${gh.apiUrl}/zeta/gone/blob/0123456789abcdef0123456789abcdef01234567/MAINTAINERS.md`.length;
    assert.deepEqual(r.stdout.trim().split('\n'), [
      `::warning ${zeta},line=5,col=2,endLine=5,endColumn=12,title=diligence placeholder::Template placeholder $TOCMEMBER is still in the text`,
      `::warning ${zeta},line=11,col=3,endLine=11,endColumn=67,title=diligence checked-without-evidence::"Clear and discoverable project governance documentation." is checked but cites no evidence and has no evaluation`,
      `::warning ${zeta},line=11,col=3,endLine=11,endColumn=67,title=diligence checked-with-open-todo::"Clear and discoverable project governance documentation." is checked while a TODO for Zeta team is still open`,
      `::warning ${zeta},line=17,col=33,endLine=17,endColumn=${32 + linkLength + 1},title=diligence link-broken::Repository zeta/gone does not exist (or is private).`,
      `::notice ${zeta},line=13,col=3,endLine=13,endColumn=25,title=diligence todo::Open TODO for Zeta team: link the governance document.`,
      `::notice ${zeta},line=15,col=3,endLine=15,endColumn=57,title=diligence required-unmet::Required criterion not met yet: "Document complete list of current maintainers."`,
      `::notice ${zeta},line=23,col=3,endLine=23,endColumn=78,title=diligence evaluation-missing::No evaluation yet for "Clearly defined and discoverable process to report security issues."`,
      `::notice ${zeta},line=23,col=3,endLine=23,endColumn=78,title=diligence required-unmet::Required criterion not met yet: "Clearly defined and discoverable process to report security issues."`,
      `::notice ${zeta},line=25,col=3,endLine=25,endColumn=25,title=diligence todo::Open TODO for Zeta team: publish a security policy.`,
    ]);
    assert.equal(r.output, 'exit-code=0\n');
    const blob = `https://github.com/cncf/toc/blob/${fx.headSha}`;
    const acme = `${blob}/projects/acme/acme-dd.md`;
    const z = `${blob}/projects/zeta/zeta-dd.md`;
    const summary = r.summary.split('\n');
    const at = (line: string): number => {
      const i = summary.indexOf(line);
      assert.ok(i >= 0, `not in the summary: ${line}\n\n${r.summary}`);
      return i;
    };
    at(`Pull request #1234 at \`${fx.headSha.slice(0, 7)}\`: 2 due-diligence documents checked (the files this pull request changes); 1 file is not a due-diligence document. 9 findings: 0 errors, 4 warnings, 5 notices.`);
    // the documents in order, the good one without a finding
    const docs = summary.filter((l) => l.startsWith('### '));
    assert.deepEqual(docs, [`### [projects/acme/acme-dd.md](${acme})`, `### [projects/acme/acme-notes-dd.md](${blob}/projects/acme/acme-notes-dd.md)`, `### [projects/zeta/zeta-dd.md](${z})`]);
    at('**Acme Mesh Incubation Due Diligence** · level applied for: Incubation · Required met **3/3** · criteria checked 3/3 · 0 open TODOs · 0 placeholders left');
    at(`| [Governance and Maintainers](${acme}#L7) | 0/0 | 2/2 | 0 |`);
    at('<details><summary>0 findings: 0 errors, 0 warnings, 0 notices</summary>');
    assert.equal(summary[at(`### [projects/acme/acme-notes-dd.md](${blob}/projects/acme/acme-notes-dd.md)`) + 2], 'Not a due-diligence document (no criteria checklist of a review template recognised in it): nothing checked.');
    // the bad one: readiness, TODOs per owner, placeholders, links, template, every finding, each at its line
    at('**Zeta Store Incubation Due Diligence** · level applied for: Incubation · Required met **1/3** · criteria checked 1/3 · 2 open TODOs · 1 placeholder left');
    at(`| [Security](${z}#L19) | 0/0 | 0/1 | 1 |`);
    at(`- Zeta team: 2 ([L13](${z}#L13), [L25](${z}#L25))`);
    at(`**Placeholders left**: [L5](${z}#L5) $TOCMEMBER`);
    at(`- [L17](${z}#L17) link-broken: Repository zeta/gone does not exist (or is private).`);
    assert.equal(summary.filter((l) => l.startsWith('**Template**: cncf/toc/operations/toc-templates/template-dd-pr-incubation.md (') && l.endsWith('from the GitHub API; 3/3 of its criteria in the document; 0 missing from the document, 0 reworded in the template, 0 at another level, 0 not in the template.')).length, 2);
    at('<details><summary>9 findings: 0 errors, 4 warnings, 5 notices</summary>');
    at(`| [L23](${z}#L23) | notice | evaluation-missing | No evaluation yet for "Clearly defined and discoverable process to report security issues." |`);
    // not changed by the pull request: not checked, not listed
    assert.ok(!r.summary.includes('old-dd.md') && !r.stdout.includes('old-dd.md'));
    assert.ok(!r.summary.includes('logo.svg'));
    assert.ok(!r.summary.includes(gh.token) && !r.stdout.includes(gh.token), 'the token is never printed');
  });

  it('fail-on warning fails the step (and says why); exit-code is still the check\'s', async () => {
    const r = await runAction(fx, gh, { 'fail-on': 'warning' });
    assert.equal(r.code, 1);
    assert.equal(r.stdout.trim().split('\n').at(-1), '::error title=diligence::fail-on warning: a finding is at that level or above');
    assert.equal(r.output, 'exit-code=0\n');
    const errors = await runAction(fx, gh, { 'fail-on': 'error', 'severity': 'todo=error', 'job-summary': 'false' });
    assert.equal(errors.code, 1);
    assert.equal(errors.output, 'exit-code=1\n');
    assert.equal(errors.summary, '', 'job-summary: false');
    assert.equal(errors.stdout.split('\n').filter((l) => l.startsWith('::error file=projects/zeta/zeta-dd.md')).length, 2);
  });

  it('config: the configuration file is read for every document (--config), as the severity input would', async () => {
    const file = join(fx.dir, 'ci', 'diligence.jsonc');
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(file, '{\n  // the TOC\'s check\n  "diagnostics": { "severity": { "todo": "error", }, },\n}\n');
    try {
      const r = await runAction(fx, gh, { 'config': 'ci/diligence.jsonc', 'fail-on': 'error', 'job-summary': 'false' });
      assert.ok(!r.stdout.includes('unknown option'), r.stdout);
      assert.equal(r.output, 'exit-code=1\n');
      assert.equal(r.stdout.split('\n').filter((l) => l.startsWith('::error file=projects/zeta/zeta-dd.md')).length, 2);
      const missing = await runAction(fx, gh, { 'config': 'ci/none.jsonc', 'job-summary': 'false' });
      assert.equal(missing.output, 'exit-code=2\n');
    } finally {
      rmSync(dirname(file), { recursive: true, force: true });
    }
  });

  it('changed-only: false, or a push: every document the globs match; a bad input is an error', async () => {
    const all = await runAction(fx, gh, { 'changed-only': 'false' });
    assert.match(all.summary, /: 3 due-diligence documents checked; 1 file is not a due-diligence document\./);
    assert.ok(all.stdout.includes('file=projects/old/old-dd.md'));
    const push = await runAction(fx, gh, {}, 'push', { ref: 'refs/heads/main', after: fx.mergeSha, repository: { full_name: 'cncf/toc' } });
    assert.match(push.summary, /^Commit `[0-9a-f]{7}`: 3 due-diligence documents checked;/m);
    const bad = await runAction(fx, gh, { 'fail-on': 'sometimes' });
    assert.equal(bad.code, 1);
    assert.equal(bad.stdout, '::error title=diligence::input fail-on: "sometimes" is not one of none, error, warning, notice\n');
    assert.equal(bad.output, 'exit-code=2\n');
  });

  it('a checkout without the pull request\'s commits (fetch-depth 1): said, and every matching document is checked', async () => {
    const event = pullRequestEvent(fx) as { pull_request: { base: { sha: string }; head: { sha: string } } };
    event.pull_request.base.sha = sha('not fetched base');
    event.pull_request.head.sha = sha('not fetched head');
    const r = await runAction(fx, gh, {}, 'pull_request', event);
    assert.equal(r.stdout.split('\n')[0], `::warning title=diligence::changed-only: the pull request's base (${event.pull_request.base.sha.slice(0, 7)}) is not in the checkout: give actions/checkout fetch-depth: 2 (or set changed-only: false); every file the globs match is checked`);
    assert.match(r.summary, /: 3 due-diligence documents checked;/);
  });
});

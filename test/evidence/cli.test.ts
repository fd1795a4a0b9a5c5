import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { main } from '../../server/src/cli';
import { startFakeGitHub, type FakeGitHub } from '../support/fakeGitHub';
import { evidenceRepos, startFakeOpenSsf } from '../support/evidenceRepos';
import { tocRepo } from '../support/tocRepo';
import { HAVE_SHARED, needsShared, readSeed } from '../support/docs';

describe('evidence: CLI report', function () {
  needsShared();
  this.timeout(30_000);
  let gh: FakeGitHub;
  let ossf: Awaited<ReturnType<typeof startFakeOpenSsf>>;
  const dir = mkdtempSync(join(tmpdir(), 'diligence-evidence-'));
  const file = join(dir, 'kserve-dd.md');
  writeFileSync(file, readSeed());
  let saved: string | undefined;

  before(async () => {
    gh = await startFakeGitHub([...evidenceRepos(new Date()), tocRepo()]);
    ossf = await startFakeOpenSsf();
    saved = process.env['GITHUB_TOKEN'];
    process.env['GITHUB_TOKEN'] = gh.token;
  });
  after(async () => {
    if (!HAVE_SHARED) return; // skipped: before did not run
    if (saved === undefined) delete process.env['GITHUB_TOKEN'];
    else process.env['GITHUB_TOKEN'] = saved;
    await gh.close();
    await ossf.close();
  });

  async function run(args: string[]): Promise<{ code: number; out: string; err: string }> {
    let out = '';
    let err = '';
    const code = await main(args, (s) => { out += s + '\n'; }, (s) => { err += s + '\n'; });
    return { code, out, err };
  }
  const online = (): string[] => ['report', file, '--github-api-url', gh.apiUrl, '--bestpractices-url', ossf.bestPracticesUrl, '--scorecard-url', ossf.scorecardUrl, '--devstats-url', ossf.devstatsUrl, '--allow-private-hosts', '--cache-dir', dir];

  it('discovers the evidence of the repositories the document cites (6: 2 exist), then costs nothing with --cache-dir', async () => {
    const cold = await run(online());
    assert.equal(cold.code, 0, cold.err);
    assert.ok(cold.out.includes('### kserve/kserve (14/18)'), cold.out);
    assert.ok(cold.out.includes('| ✗ | adopters | No adopters file in the root, .github/ or docs/ |'));
    assert.ok(cold.out.includes('_repository kserve/website not found (or not visible with this token)_'));
    // one facts request for the 6 repositories, one more history page, one for the texts, one
    // for the template's commits (the template is not in this fake cncf/toc: the built-in
    // criteria, said so), two for the TOC's review snapshots (the folders, the governance review),
    // and one for kserve/.project (absent: said so in the report)
    assert.equal(gh.requests.length, 7);
    assert.ok(cold.out.includes('_no project metadata repository (kserve/.project) found, or not visible with this token_'), cold.out);
    assert.ok(cold.out.includes('### cncf/toc: projects/kserve/ (3/3)'), cold.out);
    assert.ok(cold.out.includes('- Template: built-in criteria of 2026-06-29; the template (cncf/toc/operations/toc-templates/template-dd-pr-incubation.md@main) could not be read: not found on GitHub'), cold.out);
    // badge and Scorecard of the 2 repositories, and DevStats for kserve
    assert.equal(ossf.requests.length, 5);
    assert.ok(cold.out.includes('### DevStats kserve (1/1)'), cold.out);
    gh.reset();
    ossf.reset();
    const warm = await run(online());
    assert.equal(gh.requests.length, 0);
    assert.equal(ossf.requests.length, 0);
    assert.equal(warm.out, cold.out);
  });

  it('report --format json carries the evidence section', async () => {
    const r = await run([...online(), '--format', 'json']);
    const json = JSON.parse(r.out) as { evidence: { repositories: Array<{ repo: string; passed: string }> } };
    assert.deepEqual(json.evidence.repositories.slice(0, 2).map((x) => x.repo), ['kserve/community', 'kserve/kserve']);
  });

  it('check --evidence: evidence-available in CI output; without it, no evidence-available and fewer API requests', async () => {
    // the seed's web links become relative ones: a check asks no host but the fakes
    const local = join(dir, 'kserve-dd-local.md');
    writeFileSync(local, readSeed().replace(/https?:\/\/(?!github\.com\/)[^\s)>\]]+/g, './missing.md'));
    const args = ['check', local, '--format', 'json', '--github-api-url', gh.apiUrl, '--bestpractices-url', ossf.bestPracticesUrl, '--scorecard-url', ossf.scorecardUrl, '--devstats-url', ossf.devstatsUrl, '--allow-private-hosts'];
    gh.reset();
    const plain = await run(args);
    const plainCodes = (JSON.parse(plain.out) as { files: Array<{ diagnostics: Array<{ code: string }> }> }).files[0]!.diagnostics.map((d) => d.code);
    assert.ok(!plainCodes.includes('evidence-available'));
    const plainRequests = gh.requests.length;
    gh.reset();
    const withEvidence = await run([...args, '--evidence']);
    const diagnostics = (JSON.parse(withEvidence.out) as { files: Array<{ diagnostics: Array<{ code: string; message: string }> }> }).files[0]!.diagnostics;
    assert.ok(diagnostics.some((d) => d.code === 'evidence-available' && d.message.includes('README.md lists community channels')), JSON.stringify(diagnostics.filter((d) => d.code.startsWith('evidence'))));
    // the facts of the repositories are asked only with --evidence
    assert.ok(gh.requests.length > plainRequests, `${gh.requests.length} requests with --evidence, ${plainRequests} without`);
    const bad = await run(['report', file, '--evidence']);
    assert.equal(bad.code, 2);
    assert.match(bad.err, /--evidence is for check/);
  });

  it('with --offline the report says evidence was not discovered, and nothing is requested', async () => {
    gh.reset();
    const r = await run(['report', file, '--offline', '--github-api-url', gh.apiUrl]);
    assert.equal(r.code, 0);
    assert.ok(r.out.includes('_Evidence was not discovered: evidence discovery is off (offline, or links and evidence checks turned off)._'), r.out);
    assert.equal(gh.requests.length, 0);
  });
});

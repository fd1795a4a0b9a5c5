/**
 * The template's history from git, when the document lives in a checkout of the template's
 * repository: a temporary repository with two commits of a small template of our own, the
 * version the document started from said from them; no git, a folder outside the workspace or a
 * template edited and not committed: no history, silently (the file on disk is still the template).
 */
import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { main } from '../../server/src/cli';
import { nodeFileSystem } from '../../server/src/node/hostAdapters';
import { createTemplateGit, type TemplateGitOptions } from '../../server/src/node/templateGit';
import { createDiligenceService, type Profile } from '../../server/src/service/index';
import { noCancellation } from '../../server/src/service/host';
import { doc } from '../support/docs';

const PATH = 'operations/toc-templates/template-gadget-review.md';

const PROFILE: Profile = {
  id: 'gadget-review',
  name: 'Gadget review',
  foundation: 'Gadgets',
  stage: 'Review',
  detect: { titlePatterns: ['\\bGadget\\s+review\\b'], keywords: ['gadget'] },
  template: { repo: 'acme/gadgets', path: PATH },
  areas: [{
    id: 'build',
    name: 'Build',
    criteria: [
      { id: 'build.manual', title: 'Publish a gadget manual', level: 'required', keywords: ['gadget manual'], evidence: [] },
      { id: 'build.tests', title: 'Run the gadget tests on every change', level: 'required', keywords: ['gadget tests'], evidence: [] },
      { id: 'build.sbom', title: 'Ship a bill of materials with each gadget release', level: 'suggested', keywords: ['bill of materials'], evidence: [] },
    ],
  }],
};

const V1 = `---
profile: gadget-review
---
# $PROJECT Gadget Review

## Build

### Required

- [ ] **Publish a gadget manual.**

<!-- (Reviewer finding goes here) -->

- [ ] **Run the gadget tests on every change.**

<!-- (Reviewer finding goes here) -->
`;

const V2 = `${V1}
### Suggested

- [ ] **Ship a bill of materials with each gadget release.**

<!-- (Reviewer finding goes here) -->
`;

const HAVE_GIT = spawnSync('git', ['--version']).status === 0;

function git(cwd: string, args: string[], date?: string): string {
  const env: NodeJS.ProcessEnv = { ...process.env, GIT_AUTHOR_NAME: 'Test', GIT_AUTHOR_EMAIL: 'test@example.invalid', GIT_COMMITTER_NAME: 'Test', GIT_COMMITTER_EMAIL: 'test@example.invalid', ...(date ? { GIT_AUTHOR_DATE: date, GIT_COMMITTER_DATE: date } : {}) };
  for (const k of ['GIT_DIR', 'GIT_WORK_TREE', 'GIT_INDEX_FILE']) delete env[k];
  return execFileSync('git', ['-c', 'init.defaultBranch=main', '-c', 'commit.gpgsign=false', ...args], { cwd, env, encoding: 'utf8' }).trim();
}

/** A checkout with the template committed twice (V1, then V2) and a document started from V1. */
function checkout(): { root: string; file: string; shas: [string, string] } {
  const root = mkdtempSync(join(tmpdir(), 'diligence-git-'));
  mkdirSync(join(root, 'operations', 'toc-templates'), { recursive: true });
  mkdirSync(join(root, 'projects', 'acme'), { recursive: true });
  git(root, ['init', '-q']);
  writeFileSync(join(root, PATH), V1);
  git(root, ['add', PATH]);
  git(root, ['commit', '-q', '-m', 'gadget template'], '2025-03-01T10:00:00+00:00');
  const first = git(root, ['rev-parse', 'HEAD']);
  writeFileSync(join(root, PATH), V2);
  git(root, ['commit', '-q', '-a', '-m', 'bill of materials'], '2025-06-01T23:30:00-02:00');
  const second = git(root, ['rev-parse', 'HEAD']);
  const file = join(root, 'projects', 'acme', 'acme-gadget-review.md');
  writeFileSync(file, V1.replace(/\$PROJECT/g, 'Acme'));
  return { root, file, shas: [first, second] };
}

async function templateOf(file: string, options: TemplateGitOptions) {
  const s = createDiligenceService();
  s.setUserProfiles([PROFILE]);
  s.templates.setSources({ files: nodeFileSystem, git: createTemplateGit(options), now: () => Date.now() });
  const d = doc(V1.replace(/\$PROJECT/g, 'Acme'), pathToFileURL(file).toString());
  await s.templates.resolve(d, { allowNetwork: false, history: true }, noCancellation);
  return s.report(d)!.template!;
}

describe('template history from git', function () {
  this.timeout(60_000);
  before(function () {
    if (HAVE_GIT) return;
    console.log('    (skipped: git is not installed)');
    this.skip();
  });

  it('a checkout of the template\'s repository: the version the document started from, from its commits', async () => {
    const { root, file, shas } = checkout();
    const t = await templateOf(file, { roots: () => [pathToFileURL(root).toString()] });
    // the template held to is the file on disk, the newest commit (its date in UTC, as GitHub gives it)
    assert.deepEqual([t.source, t.path, t.ref, t.date, t.criteria, t.present], ['workspace', PATH, shas[1], '2025-06-02', 3, 2]);
    assert.deepEqual(t.basedOn, {
      ref: shas[0],
      date: '2025-03-01',
      changesSince: 1,
      summary: `started from the template of 2025-03-01 (${shas[0].slice(0, 8)}); the template changed 1 time since: 1 criterion added`,
    });
    assert.deepEqual(t.missing.map((m) => m.title), ['Ship a bill of materials with each gadget release.']);
  });

  it('the CLI report says it ("History: started from …")', async () => {
    const { file, root, shas } = checkout();
    const profile = join(root, 'gadget-profile.json');
    writeFileSync(profile, JSON.stringify(PROFILE));
    let out = '';
    const code = await main(['report', file, '--offline', '--profile', profile], (x) => { out += `${x}\n`; }, () => {});
    assert.equal(code, 0);
    assert.match(out, new RegExp(`^- Template: ${PATH} \\(2025-06-02, ${shas[1].slice(0, 8)}\\), from the workspace$`, 'm'));
    assert.match(out, new RegExp(`^- History: started from the template of 2025-03-01 \\(${shas[0].slice(0, 8)}\\); the template changed 1 time since: 1 criterion added$`, 'm'));
  });

  it('no git, a checkout outside the workspace folders, a template edited and not committed: the file on disk without a history', async () => {
    const { root, file } = checkout();
    const inWorkspace = { roots: () => [pathToFileURL(root).toString()] };
    const cases: Array<[string, TemplateGitOptions]> = [
      ['no git', { ...inWorkspace, git: join(root, 'no-such-git') }],
      ['outside the workspace', { roots: () => [pathToFileURL(join(root, 'projects')).toString()] }],
    ];
    for (const [what, options] of cases) {
      const t = await templateOf(file, options);
      assert.deepEqual([t.source, t.ref, t.date, t.criteria, t.basedOn, t.problem], ['workspace', '', '', 3, null, null], what);
    }
    writeFileSync(join(root, PATH), `${V2}\n<!-- a local edit -->\n`);
    const t = await templateOf(file, inWorkspace);
    assert.deepEqual([t.source, t.ref, t.criteria, t.basedOn, t.problem], ['workspace', '', 3, null, null], 'edited, not committed');
  });

  it('git runs in the checkout only: a document in a plain folder below a repository gets no history from it', async () => {
    const { root } = checkout();
    // the template copied into a folder of the repository that is no checkout root of its own
    const inner = join(root, 'vendor');
    mkdirSync(join(inner, 'operations', 'toc-templates'), { recursive: true });
    mkdirSync(join(inner, 'docs'), { recursive: true });
    writeFileSync(join(inner, PATH), V2);
    const file = join(inner, 'docs', 'acme.md');
    const t = await templateOf(file, {});
    assert.deepEqual([t.source, t.ref, t.criteria, t.basedOn], ['workspace', '', 3, null]);
  });
});

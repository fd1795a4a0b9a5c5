/**
 * Where the template comes from: the workspace (a checkout with operations/toc-templates/), a
 * file (--template), the fake GitHub API at a ref with its history (cold, then warm from the
 * cache: zero requests), and the built-in criteria when offline with nothing cached.
 */
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { main } from '../../server/src/cli';
import { createTemplateGitHub } from '../../server/src/web/templateGitHub';
import { nodeFileSystem } from '../../server/src/node/hostAdapters';
import { createDiligenceService, resolveConfig, TemplateCache } from '../../server/src/service/index';
import { noCancellation } from '../../server/src/service/host';
import { doc, msg } from '../support/docs';
import { repo, startFakeGitHub, type FakeGitHub } from '../support/fakeGitHub';
import { skipWithoutToc, versions } from '../support/templates';

const PATH = 'operations/toc-templates/template-dd-pr-incubation.md';
const fill = (t: string): string => t.replace(/\$PROJECT/g, 'Acme');

describe('template sources', function () {
  this.timeout(60_000);
  let gh: FakeGitHub;
  before(async function () {
    skipWithoutToc(this);
    const vs = versions('incubation');
    const fileVersions = { [PATH]: [...vs].reverse().map((v) => ({ sha: v.sha.length === 40 ? v.sha : `${v.sha}${'0'.repeat(32)}`, date: `${v.date}T12:00:00Z`, text: v.text })) };
    gh = await startFakeGitHub([repo('cncf/toc', { [PATH]: vs.at(-1)!.text }, { fileVersions, commits: fileVersions[PATH].map((v) => v.sha) })]);
  });
  after(async () => {
    await gh?.close();
  });

  it('the GitHub API: the template at the default branch, its history, the version the document started from; warm costs no request', async () => {
    const cache = new TemplateCache();
    const s = createDiligenceService({ config: resolveConfig({ github: { apiUrl: gh.apiUrl } }) });
    const github = createTemplateGitHub({ apiUrl: gh.apiUrl });
    s.templates.setSources({ github, cache, now: () => Date.now() });
    const started = versions('incubation').find((v) => v.name === '2025-07-14-5bed06f8')!;
    const d = doc(fill(started.text), 'file:///elsewhere/acme.md');
    gh.reset();
    await s.templates.resolve(d, { allowNetwork: true, history: true }, noCancellation);
    // one commits list, one text per version (13)
    assert.equal(gh.requests.length, 1 + versions('incubation').length);
    const t = s.report(d)!.template!;
    assert.deepEqual([t.source, t.repo, t.path, t.date, t.ref.slice(0, 8)], ['github', 'cncf/toc', PATH, '2026-06-29', '4acc1dcf']);
    assert.equal(t.basedOn!.date, '2025-07-14');
    assert.match(t.basedOn!.summary, /^started from the template of 2025-07-14 \(5bed06f8\); the template changed 8 times since: 4 criteria added, 1 removed, 1 reworded, 1 at another level$/);
    // criteria added since are said to be added upstream, not deleted by the reviewer
    const missing = s.diagnostics(d).filter((x) => x.code === 'criterion-missing');
    assert.ok(missing.length > 0 && missing.every((x) => /^Added to the template on \d{4}-\d\d-\d\d, after the version this document started from \(2025-07-14\)/.test(msg(x))), missing.map(msg).join('\n'));
    gh.reset();
    const s2 = createDiligenceService({ config: resolveConfig({ github: { apiUrl: gh.apiUrl } }) });
    s2.templates.setSources({ github, cache, now: () => Date.now() });
    const d2 = doc(fill(started.text), 'file:///elsewhere/acme.md');
    await s2.templates.resolve(d2, { allowNetwork: true, history: true }, noCancellation);
    assert.equal(gh.requests.length, 0);
    assert.deepEqual(s2.report(d2)!.template, t);
  });

  it('at a ref named in the front matter', async () => {
    const s = createDiligenceService({ config: resolveConfig({ github: { apiUrl: gh.apiUrl } }) });
    s.templates.setSources({ github: createTemplateGitHub({ apiUrl: gh.apiUrl }), cache: new TemplateCache(), now: () => Date.now() });
    const old = versions('incubation')[0]!;
    const d = doc(`---\ntemplate: cncf/toc@${old.sha}${'0'.repeat(32)}\n---\n${fill(old.text)}`, 'file:///elsewhere/pinned.md');
    gh.reset();
    await s.templates.resolve(d, { allowNetwork: true, history: false }, noCancellation);
    assert.match(gh.requests[0]!.path, /^\/repos\/cncf\/toc\/commits\?.*sha=97c7c22c/);
    const t = s.report(d)!.template!;
    assert.deepEqual([t.source, t.date, t.present, t.criteria], ['front-matter', '2024-02-26', 44, 44]);
  });

  it('offline with nothing cached: the built-in criteria, said so', async () => {
    const s = createDiligenceService();
    s.templates.setSources({ github: createTemplateGitHub({ apiUrl: gh.apiUrl }), cache: new TemplateCache(), now: () => Date.now() });
    const d = doc(fill(versions('incubation').at(-1)!.text), 'file:///elsewhere/offline.md');
    gh.reset();
    await s.templates.resolve(d, { allowNetwork: false, history: true }, noCancellation);
    assert.equal(gh.requests.length, 0);
    const t = s.report(d)!.template!;
    assert.deepEqual([t.source, t.date, t.criteria, t.present], ['builtin', '2026-06-29', 47, 47]);
    assert.match(t.problem!, /could not be read: the network is off and nothing is cached/);
  });

  it('the workspace: a document in a checkout of cncf/toc is held to the template on disk', async () => {
    const root = mkdtempSync(join(tmpdir(), 'diligence-toc-'));
    mkdirSync(join(root, 'operations', 'toc-templates'), { recursive: true });
    mkdirSync(join(root, 'projects', 'acme'), { recursive: true });
    writeFileSync(join(root, PATH), versions('incubation')[0]!.text);
    const file = join(root, 'projects', 'acme', 'acme-incubation.md');
    const s = createDiligenceService();
    s.templates.setSources({ files: nodeFileSystem, now: () => Date.now() });
    const d = doc(fill(versions('incubation').at(-1)!.text), pathToFileURL(file).toString());
    await s.templates.resolve(d, { allowNetwork: false, history: false }, noCancellation);
    const t = s.report(d)!.template!;
    assert.deepEqual([t.source, t.path, t.criteria], ['workspace', PATH, 44]);
    assert.equal(t.notInTemplate.length, 4);
  });

  it('CLI: --template FILE, and report --format json has the template object', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'diligence-tpl-'));
    const tpl = join(dir, 'tpl.md');
    writeFileSync(tpl, versions('incubation').at(-1)!.text);
    const path = join(dir, 'acme.md');
    writeFileSync(path, fill(versions('incubation')[0]!.text));
    let out = '';
    const code = await main(['report', path, '--offline', '--template', tpl, '--format', 'json'], (x) => { out += x; }, () => {});
    assert.equal(code, 0);
    const t = JSON.parse(out).template;
    assert.deepEqual(Object.keys(t), ['source', 'path', 'ref', 'date', 'repo', 'problem', 'basedOn', 'criteria', 'present', 'required', 'missing', 'notInTemplate', 'reworded', 'levelChanged', 'subItemsMissing']);
    assert.equal(t.source, 'file');
    assert.equal(t.criteria, 47);
    assert.deepEqual(t.missing.map((m: { title: string }) => m.title), ['Complete a General Technical Review (GTR).', 'Complete a Governance Review.', 'Complete a Governance Review with the Project Reviews subproject', 'Complete a joint security assessment with TAG Security and Compliance']);
    assert.deepEqual(t.notInTemplate.map((m: { line: number }) => typeof m.line), ['number']);
    let md = '';
    await main(['report', path, '--offline', '--template', tpl], (x) => { md += x; }, () => {});
    assert.match(md, /^- Template: .*tpl\.md, from diligence\.templates\.file \/ --template$/m);
    assert.match(md, /^### Missing from the document$/m);
  });
});

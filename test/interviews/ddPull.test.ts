/**
 * The DD pull request from the git checkout, for the public-comment e-mail: the checkout's files
 * read without git (HEAD, config, a worktree's `.git` file), the remotes as GitHub repositories,
 * and the configured API (a fake GitHub on 127.0.0.1) asked for the open pull request whose head
 * is `<remote owner>:<branch>`; in the CLI and over the real bundled server. Offline, untrusted,
 * no checkout or no GitHub remote: the placeholder stays, with a note.
 */
import assert from 'node:assert/strict';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { main } from '../../server/src/cli';
import { readCheckout } from '../../server/src/node/ddPullRequest';
import { branchOfHead, githubRepoOfRemote, parseGitConfig, webHostOfApi } from '../../server/src/service/publicComment/gitRemote';
import type { PublicCommentDraft } from '../../shared/protocol';
import { repo, startFakeGitHub, type FakeGitHub } from '../support/fakeGitHub';
import { initialize, startServer } from '../support/lspClient';
import { TOC_FIXTURE } from './paths';

const CONFIG = '[core]\n\tbare = false\n[remote "origin"]\n\turl = git@github.com:rvance/toc.git\n\tfetch = +refs/heads/*:refs/remotes/origin/*\n[remote "upstream"]\n\turl = https://github.com/cncf/toc\n[branch "quarkle-dd"]\n\tremote = origin\n\tmerge = refs/heads/quarkle-dd\n';

/** A copy of the fixture checkout as a git checkout on branch quarkle-dd, its DD without the pull request's link. */
function gitCheckout(): { root: string; dd: string; done(): void } {
  const root = mkdtempSync(join(tmpdir(), 'diligence-ddpr-'));
  cpSync(TOC_FIXTURE, root, { recursive: true });
  mkdirSync(join(root, '.git'));
  writeFileSync(join(root, '.git', 'HEAD'), 'ref: refs/heads/quarkle-dd\n');
  writeFileSync(join(root, '.git', 'config'), CONFIG);
  const dd = join(root, 'projects', 'quarkle', 'quarkle-incubation-due-diligence.md');
  writeFileSync(dd, readFileSync(dd, 'utf8').replace(/^- \[Due diligence pull request\].*\n/m, ''));
  return { root, dd, done: () => rmSync(root, { recursive: true, force: true }) };
}

describe('public comment: the DD pull request from the git checkout', function () {
  this.timeout(60_000);

  it('reads HEAD\'s branch, the remotes and the tracked remote; remote URLs as GitHub repositories', () => {
    assert.equal(branchOfHead('ref: refs/heads/feature/quarkle-dd\n'), 'feature/quarkle-dd');
    assert.equal(branchOfHead('3f2a9c1d0e8b7a6f5e4d3c2b1a0f9e8d7c6b5a49\n'), undefined, 'detached');
    const c = parseGitConfig(CONFIG);
    assert.deepEqual(c.remotes.map((r) => r.name), ['origin', 'upstream']);
    assert.equal(c.branchRemote.get('quarkle-dd'), 'origin');
    assert.deepEqual(githubRepoOfRemote('git@github.com:rvance/toc.git'), { owner: 'rvance', name: 'toc' });
    assert.deepEqual(githubRepoOfRemote('https://github.com/cncf/toc'), { owner: 'cncf', name: 'toc' });
    assert.deepEqual(githubRepoOfRemote('ssh://git@github.com/cncf/toc.git'), { owner: 'cncf', name: 'toc' });
    assert.deepEqual(githubRepoOfRemote('https://user@ghe.example.com/org/repo.git', 'ghe.example.com'), { owner: 'org', name: 'repo' });
    assert.equal(githubRepoOfRemote('https://gitlab.com/cncf/toc.git'), undefined);
    assert.equal(githubRepoOfRemote('https://github.com.evil.example/cncf/toc'), undefined);
    assert.equal(webHostOfApi('https://api.github.com'), 'github.com');
    assert.equal(webHostOfApi('https://ghe.example.com/api/v3'), 'ghe.example.com');
  });

  it('a checkout, a worktree\'s .git file, a pointer elsewhere not followed, a workspace folder as the bound', async () => {
    const c = gitCheckout();
    const main = mkdtempSync(join(tmpdir(), 'diligence-ddpr-main-'));
    try {
      const got = await readCheckout(pathToFileURL(c.dd).toString());
      assert.ok(typeof got !== 'string');
      assert.equal(got.branch, 'quarkle-dd');
      // a folder above the checkout is never looked at when the workspace folder is below it
      assert.equal(await readCheckout(pathToFileURL(c.dd).toString(), [pathToFileURL(join(c.root, 'projects')).toString()]), 'the document is not in a git checkout');
      // a worktree: .git is a file pointing to main/.git/worktrees/wt, whose commondir holds config
      const wt = join(main, '.git', 'worktrees', 'wt');
      mkdirSync(wt, { recursive: true });
      writeFileSync(join(wt, 'HEAD'), 'ref: refs/heads/other-dd\n');
      writeFileSync(join(wt, 'commondir'), '../..\n');
      writeFileSync(join(main, '.git', 'config'), CONFIG);
      rmSync(join(c.root, '.git'), { recursive: true });
      writeFileSync(join(c.root, '.git'), `gitdir: ${wt}\n`);
      const w = await readCheckout(pathToFileURL(c.dd).toString());
      assert.ok(typeof w !== 'string');
      assert.equal(w.branch, 'other-dd');
      assert.deepEqual(w.config.remotes.map((r) => r.name), ['origin', 'upstream']);
      // a .git file pointing at any other folder is not followed
      writeFileSync(join(c.root, '.git'), `gitdir: ${main}\n`);
      assert.equal(await readCheckout(pathToFileURL(c.dd).toString(), [pathToFileURL(c.root).toString()]), 'the document is not in a git checkout');
    } finally {
      c.done();
      rmSync(main, { recursive: true, force: true });
    }
  });

  describe('with a fake GitHub', () => {
    let gh: FakeGitHub;
    before(async () => {
      gh = await startFakeGitHub([repo('cncf/toc', { 'README.md': '# TOC\n' }, { issues: { 1501: { state: 'OPEN', pull: true, head: 'rvance:quarkle-dd', title: 'Quarkle DD' }, 1400: { state: 'OPEN', pull: true, head: 'someone:quarkle-dd' } } })]);
    });
    after(async () => gh.close());

    async function cli(argv: string[]): Promise<{ code: number; out: string; err: string }> {
      let out = '', err = '';
      const saved = process.env['GITHUB_TOKEN'];
      process.env['GITHUB_TOKEN'] = gh.token;
      try {
        const code = await main(argv, (s) => { out += s + '\n'; }, (s) => { err += s + '\n'; });
        return { code, out, err };
      } finally {
        if (saved === undefined) delete process.env['GITHUB_TOKEN'];
        else process.env['GITHUB_TOKEN'] = saved;
      }
    }

    it('CLI: the open pull request from <origin owner>:<branch> into cncf/toc fills DD PR; the token only to the API', async () => {
      const c = gitCheckout();
      try {
        gh.reset();
        const r = await cli(['public-comment', c.dd, '--github-api-url', gh.apiUrl, '--format', 'json', '--date', '2026-12-02']);
        assert.equal(r.code, 0, r.err);
        const d = JSON.parse(r.out) as PublicCommentDraft;
        assert.equal(d.pullRequest, 'https://github.com/cncf/toc/pull/1501');
        assert.match(d.markdown, /^DD PR: https:\/\/github\.com\/cncf\/toc\/pull\/1501$/m);
        assert.ok(!d.notes.some((n) => /pull request/.test(n)));
        const asked = gh.requests.filter((q) => q.path.startsWith('/repos/cncf/toc/pulls'));
        // one request; the fake lists by head, so #1501 (not #1400 of someone:quarkle-dd) says the head asked
        assert.equal(asked.length, 1);
        assert.ok(gh.requests.every((q) => q.authorization === `token ${gh.token}`));
        // --pr wins: nothing asked
        gh.reset();
        const given = await cli(['public-comment', c.dd, '--github-api-url', gh.apiUrl, '--format', 'json', '--pr', 'https://github.com/cncf/toc/pull/9']);
        assert.equal((JSON.parse(given.out) as PublicCommentDraft).pullRequest, 'https://github.com/cncf/toc/pull/9');
        assert.equal(gh.requests.length, 0);
        // offline: the placeholder stays, a note says why
        const off = await cli(['public-comment', c.dd, '--offline', '--format', 'json']);
        const o = JSON.parse(off.out) as PublicCommentDraft;
        assert.equal(o.pullRequest, null);
        assert.match(o.markdown, /^DD PR: \$LINK$/m);
        assert.match(o.notes.join('\n'), /The DD pull request was not found from the git checkout \(offline, or the workspace is not trusted\)/);
        // another branch: none open; said
        writeFileSync(join(c.root, '.git', 'HEAD'), 'ref: refs/heads/nothing-here\n');
        const none = await cli(['public-comment', c.dd, '--github-api-url', gh.apiUrl]);
        assert.match(none.err, /note: The DD pull request was not found from the git checkout \(no open pull request from rvance:nothing-here or cncf:nothing-here into cncf\/toc or rvance\/toc\)/);
      } finally {
        c.done();
      }
    });

    it('the editor: diligence/publicComment finds it in a trusted workspace; untrusted, a note and no request; a checkout above the workspace folder is not read', async () => {
      const c = gitCheckout();
      const uri = pathToFileURL(c.dd).toString();
      // the workspace folder is a folder below the checkout's root: its .git is outside, never read
      const below = startServer();
      try {
        gh.reset();
        await initialize(below, { workspaceFolders: [pathToFileURL(join(c.root, 'projects')).toString()], initializationOptions: { trusted: true, settings: { github: { apiUrl: gh.apiUrl }, links: { allowPrivateHosts: true } } } });
        await below.connection.sendNotification('diligence/setGitHubToken', { token: gh.token });
        await below.connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'markdown', version: 1, text: readFileSync(c.dd, 'utf8') } });
        const d = await below.connection.sendRequest('diligence/publicComment', { uri }) as PublicCommentDraft;
        assert.equal(d.pullRequest, null);
        assert.match(d.notes.join('\n'), /the document is not in a git checkout/);
        assert.equal(gh.requests.filter((q) => q.path.includes('/pulls')).length, 0);
      } finally {
        await below.close();
      }
      for (const trusted of [true, false]) {
        const client = startServer();
        try {
          gh.reset();
          await initialize(client, { workspaceFolders: [pathToFileURL(c.root).toString()], initializationOptions: { trusted, settings: { github: { apiUrl: gh.apiUrl }, links: { allowPrivateHosts: true } } } });
          await client.connection.sendNotification('diligence/setGitHubToken', { token: gh.token });
          await client.connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'markdown', version: 1, text: readFileSync(c.dd, 'utf8') } });
          const d = await client.connection.sendRequest('diligence/publicComment', { uri }) as PublicCommentDraft;
          if (trusted) {
            assert.equal(d.pullRequest, 'https://github.com/cncf/toc/pull/1501');
            assert.ok(gh.requests.every((q) => q.authorization === `token ${gh.token}`));
          } else {
            assert.equal(d.pullRequest, null);
            assert.match(d.notes.join('\n'), /offline, or the workspace is not trusted/);
            assert.equal(gh.requests.filter((q) => q.path.includes('/pulls')).length, 0);
          }
        } finally {
          await client.close();
        }
      }
      c.done();
    });
  });
});

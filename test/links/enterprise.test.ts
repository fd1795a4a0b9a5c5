/**
 * GitHub Enterprise (issue 22): the Enterprise web host is recognised for the project's
 * repositories, its links go to its API with its token, github.com links cited beside them are
 * plain web requests without any token (and each verdict says where it was checked), and the
 * editor's token for one API is never used with the other.
 */
import assert from 'node:assert/strict';
import { createGitHubClient } from '../../server/src/web/githubClient';
import { NetworkSession } from '../../server/src/node/networkSession';
import { DEFAULT_CONFIG, resolveConfig } from '../../server/src/service/config';
import { noCancellation } from '../../server/src/service/host';
import { createLinkChecker, LinkCache } from '../../server/src/service/links/index';
import { linksToCheck } from '../../server/src/service/links/checker';
import { describeLinkResult } from '../../server/src/service/links/findings';
import type { HttpClient, HttpRequest } from '../../server/src/service/links/types';
import { analyseText } from '../../server/src/service/model/index';
import { inferRepositories, projectRepositories } from '../../server/src/service/profiles/index';
import { repo, startFakeGitHub, type FakeGitHub } from '../support/fakeGitHub';
import { linkConfig } from '../support/linkEnv';

const GHE = 'https://ghe.example.com/api/v3';

describe('GitHub Enterprise', function () {
  this.timeout(30_000);

  it('repository inference recognises the Enterprise web host of the configured API', () => {
    const text = '# Widget Incubation Due Diligence\n\n'
      + '- <https://ghe.example.com/acme/widget/blob/main/README.md>\n- <https://ghe.example.com/acme/widget/issues/3>\n- <https://ghe.example.com/acme/tools>\n'
      + '- <https://github.com/other/thing>\n';
    const model = analyseText(text);
    const ghe = resolveConfig({ github: { apiUrl: GHE } });
    assert.deepEqual(projectRepositories(model, ghe), { repositories: ['acme/widget', 'acme/tools'], source: 'document' });
    // github.com links still count beside the Enterprise host's
    assert.deepEqual(inferRepositories(analyseText('# X\n\n- <https://github.com/other/thing>\n- <https://github.com/other/thing/pull/2>\n- <https://ghe.example.com/acme/tools>\n'), ghe), ['other/thing']);
    // github.com's API: the Enterprise host is not GitHub, only github.com links count
    assert.deepEqual(inferRepositories(model, DEFAULT_CONFIG), ['other/thing']);
    // an Enterprise repository URL in the front matter and in the settings
    const fm = analyseText('---\nrepositories:\n  - https://ghe.example.com/acme/one\n---\n# X\n');
    assert.deepEqual(inferRepositories(fm, ghe), ['acme/one']);
    const problems: string[] = [];
    assert.deepEqual(resolveConfig({ github: { apiUrl: GHE }, repositories: ['https://ghe.example.com/acme/two.git'] }, problems).repositories, ['acme/two']);
    assert.deepEqual(problems, []);
  });

  it('the editor\'s token for one API is never used with the other', () => {
    const session = new NetworkSession({ apiUrl: GHE, envToken: undefined });
    session.setEditorToken('github-com-token', 'https://api.github.com');
    assert.equal(session.token, undefined, 'a github.com token is not sent to the Enterprise API');
    session.setEditorToken('ghe-token', `${GHE}/`);
    assert.equal(session.token, 'ghe-token');
    session.setApiUrl('https://api.github.com');
    assert.equal(session.token, undefined, 'nor the Enterprise token to github.com');
    session.setApiUrl(GHE);
    assert.equal(session.token, 'ghe-token');
    // a client that does not say which API: the current one
    session.setEditorToken('other');
    assert.equal(session.token, 'other');
  });

  describe('a document citing both the Enterprise host and github.com', () => {
    let gh: FakeGitHub;
    before(async () => {
      gh = await startFakeGitHub([repo('acme/widget', { 'README.md': '# Widget\n' })]);
    });
    after(async () => {
      await gh.close();
    });

    it('Enterprise links go to its API with its token, github.com links are web requests without one; each says where', async () => {
      const web: HttpRequest[] = [];
      const http: HttpClient = { request: (req) => { web.push(req); return Promise.resolve({ ok: true, status: 200, headers: {} }); } };
      const github = createGitHubClient({ apiUrl: gh.gheApiUrl, token: gh.token });
      const checker = createLinkChecker({ http, github, cache: new LinkCache(), retryDelayMs: 0 });
      const host = new URL(gh.gheApiUrl).host;
      const enterprise = `http://${host}/acme/widget/issues/1`;
      const dotcom = 'https://github.com/acme/widget';
      const model = analyseText(`# Doc\n\n- <${enterprise}>\n- <${dotcom}>\n`);
      const r = await checker.check(linksToCheck(model.links), { documentUri: 'file:///ws/doc.md', config: linkConfig(gh.gheApiUrl) }, noCancellation);

      assert.ok(gh.requests.length > 0 && gh.requests.every((q) => q.authorization === `token ${gh.token}` && q.rawPath.startsWith('/api/')));
      assert.deepEqual(web.map((q) => q.url), [dotcom]);
      assert.ok(web.every((q) => !Object.keys(q.headers ?? {}).some((k) => k.toLowerCase() === 'authorization')));
      const e = r.results.get(enterprise)!;
      const d = r.results.get(dotcom)!;
      assert.equal(e.checkedWith, `through the GitHub API at ${host} (the configured diligence.github.apiUrl)`);
      assert.match(d.checkedWith ?? '', /^as a plain web request, without a token: only 127\.0\.0\.1:\d+ links go to the configured GitHub API/);
      assert.match(describeLinkResult(d, Date.now()), /\*\*Where:\*\* checked as a plain web request, without a token/);

      // with github.com's API nothing needs saying
      const plain = await createLinkChecker({ http, cache: new LinkCache(), retryDelayMs: 0 }).check(linksToCheck(analyseText(`# Doc\n\n- <${dotcom}>\n`).links), { documentUri: 'file:///ws/doc.md', config: linkConfig() }, noCancellation);
      assert.equal(plain.results.get(dotcom)?.checkedWith, undefined);
    });
  });
});

import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { DEFAULT_CONFIG, resolveConfig } from '../../server/src/service/config';
import { analyzeText } from '../../server/src/service/model/index';
import { githubRepoOf, inferRepositories, projectRepositories } from '../../server/src/service/profiles/index';
import { EXAMPLE, readSeed } from '../support/docs';

describe('profiles: the project repositories', () => {
  it('inferred from the seed: the kserve organisation, most cited first; cncf/toc is not the project', () => {
    const r = projectRepositories(analyzeText(readSeed()), DEFAULT_CONFIG);
    assert.equal(r.source, 'document');
    assert.deepEqual(r.repositories, ['kserve/community', 'kserve/kserve', 'kserve/modelmesh-serving', 'kserve/models-web-app', 'kserve/open-inference-protocol', 'kserve/website']);
  });

  it('inferred from the example: reference links count through their definition', () => {
    assert.deepEqual(inferRepositories(analyzeText(readFileSync(EXAMPLE, 'utf8')), DEFAULT_CONFIG), ['acme-mesh/community', 'acme-mesh/mesh', 'acme-mesh/dashboard']);
  });

  it('the setting wins over front matter, front matter over the document', () => {
    const text = '---\ntitle: x\nrepositories:\n  - acme/one\n  - https://github.com/acme/two\n---\n' + readSeed();
    const m = analyzeText(text);
    assert.deepEqual(projectRepositories(m, DEFAULT_CONFIG), { repositories: ['acme/one', 'acme/two'], source: 'front-matter' });
    const flow = analyzeText('---\nrepositories: [acme/one, "acme/three"]\n---\n# X\n');
    assert.deepEqual(inferRepositories(flow, DEFAULT_CONFIG), ['acme/one', 'acme/three']);
    const config = resolveConfig({ repositories: ['kserve/kserve', 'https://github.com/kserve/website.git'] });
    assert.deepEqual(projectRepositories(m, config), { repositories: ['kserve/kserve', 'kserve/website'], source: 'settings' });
  });

  it('no GitHub link: no repository', () => {
    assert.deepEqual(projectRepositories(analyzeText('# X Incubation Due Diligence\n\nSee https://example.com/\n'), DEFAULT_CONFIG), { repositories: [], source: 'none' });
  });

  it('github.com paths that are not repositories are skipped', () => {
    assert.equal(githubRepoOf('https://github.com/orgs/kserve/teams'), undefined);
    assert.equal(githubRepoOf('https://github.com/sponsors/someone'), undefined);
    assert.equal(githubRepoOf('https://github.com/kserve/kserve/blob/master/OWNERS'), 'kserve/kserve');
    assert.equal(githubRepoOf('https://gitlab.com/a/b'), undefined);
  });

  it('bad repositories and profiles settings are reported, good entries kept', () => {
    const problems: string[] = [];
    const c = resolveConfig({ repositories: ['ok/one', 'not a repo', 3], profiles: ['a.json', ''] }, problems);
    assert.deepEqual(c.repositories, ['ok/one']);
    assert.deepEqual(c.profiles, ['a.json']);
    assert.deepEqual(problems, [
      'diligence.profiles[1]: expected a file path, got ""',
      'diligence.repositories[1]: expected "owner/name" or a github.com repository URL, got "not a repo"',
      'diligence.repositories[2]: expected "owner/name" or a github.com repository URL, got 3',
    ]);
    assert.deepEqual(resolveConfig({ profiles: 'mine.json' }).profiles, ['mine.json']);
  });
});

import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { DEFAULT_CONFIG, resolveConfig } from '../../server/src/service/config';
import { analyseText } from '../../server/src/service/model/index';
import { githubRepoOf, inferRepositories, projectRepositories } from '../../server/src/service/profiles/index';
import { EXAMPLE, readSeed, needsShared } from '../support/docs';

describe('profiles: the project repositories', () => {
  needsShared();
  it('inferred from the seed: the kserve organisation, most cited first; cncf/toc is not the project', () => {
    const r = projectRepositories(analyseText(readSeed()), DEFAULT_CONFIG);
    assert.equal(r.source, 'document');
    assert.deepEqual(r.repositories, ['kserve/community', 'kserve/kserve', 'kserve/modelmesh-serving', 'kserve/models-web-app', 'kserve/open-inference-protocol', 'kserve/website']);
  });

  it('inferred from the example: reference links count through their definition', () => {
    assert.deepEqual(inferRepositories(analyseText(readFileSync(EXAMPLE, 'utf8')), DEFAULT_CONFIG), ['acme-mesh/community', 'acme-mesh/mesh', 'acme-mesh/dashboard']);
  });

  it('the setting wins over front matter, front matter over the document', () => {
    const text = '---\ntitle: x\nrepositories:\n  - acme/one\n  - https://github.com/acme/two\n---\n' + readSeed();
    const m = analyseText(text);
    assert.deepEqual(projectRepositories(m, DEFAULT_CONFIG), { repositories: ['acme/one', 'acme/two'], source: 'front-matter' });
    const flow = analyseText('---\nrepositories: [acme/one, "acme/three"]\n---\n# X\n');
    assert.deepEqual(inferRepositories(flow, DEFAULT_CONFIG), ['acme/one', 'acme/three']);
    const config = resolveConfig({ repositories: ['kserve/kserve', 'https://github.com/kserve/website.git'] });
    assert.deepEqual(projectRepositories(m, config), { repositories: ['kserve/kserve', 'kserve/website'], source: 'settings' });
  });

  it('no GitHub link: no repository', () => {
    assert.deepEqual(projectRepositories(analyseText('# X Incubation Due Diligence\n\nSee https://example.com/\n'), DEFAULT_CONFIG), { repositories: [], source: 'none' });
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
      'diligence.repositories[1]: expected "owner/name" or a repository URL on github.com or the configured GitHub Enterprise host, got "not a repo"',
      'diligence.repositories[2]: expected "owner/name" or a repository URL on github.com or the configured GitHub Enterprise host, got 3',
    ]);
    assert.deepEqual(resolveConfig({ profiles: 'mine.json' }).profiles, ['mine.json']);
  });
});

describe('front matter is not markdown', () => {
  it('a `key: value` line before the closing --- is not a heading or an area; no placeholder or link is read there', () => {
    const text = '---\nrepositories: [acme/one, acme/two]\nnote: $PROJECT https://github.com/other/x\n---\n# Acme Incubation Due Diligence\n\n## Governance\n\n- [ ] **Clear and discoverable project governance documentation.**\n';
    const m = analyseText(text);
    assert.equal(m.title?.text, 'Acme Incubation Due Diligence');
    assert.deepEqual(m.headings.map((h) => h.text), ['Acme Incubation Due Diligence', 'Governance']);
    assert.deepEqual(m.areas.map((a) => a.name), ['Governance']);
    assert.deepEqual(m.placeholders, []);
    assert.deepEqual(m.links, []);
    assert.deepEqual(inferRepositories(m, DEFAULT_CONFIG), ['acme/one', 'acme/two']);
  });

  it('an unclosed --- at the start is markdown as before', () => {
    const m = analyseText('---\n# Title\n\nText\n');
    assert.equal(m.title?.text, 'Title');
  });
});

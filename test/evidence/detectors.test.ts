import assert from 'node:assert/strict';
import { badgeProjectId, communityChannels, filesFor, FILE_DETECTORS, readmeMaturity, securityTopics } from '../../server/src/service/evidence/detectors';
import { normalizeEvidenceUrl } from '../../server/src/service/evidence/document';
import { fillTemplate } from '../../server/src/service/evidence/template';
import { kserveSecurity, PARTIAL_SECURITY } from '../support/evidenceRepos';
import { needsShared } from '../support/docs';

describe('evidence: detectors (pure)', () => {
  needsShared();
  it('the seed kserve SECURITY.md covers all five topics; a policy without two misses exactly those two', () => {
    assert.deepEqual(securityTopics(kserveSecurity()), { covered: ['supported-versions', 'private-reporting', 'disclosure-process', 'prevention', 'communication'], missing: [] });
    assert.deepEqual(securityTopics(PARTIAL_SECURITY).missing, ['supported-versions', 'communication']);
    // a disclosure process without timelines is not the topic
    assert.ok(securityTopics('## Disclosure process\nWe coordinate disclosure.').missing.includes('disclosure-process'));
  });

  it('finds files in the root, .github/ and docs/, any case, with .md/.rst/.txt or none; not deeper', () => {
    const entries = ['Code_Of_Conduct.rst', '.github/CONTRIBUTING', 'docs/governance.txt', 'docs/sub/ADOPTERS.md', 'MAINTAINERS_LIST', 'OWNERS', 'docs/CODEOWNERS'].map((path) => ({ path, type: 'blob' as const }));
    const find = (id: string): string[] => filesFor(entries, FILE_DETECTORS.find((d) => d.id === id)!.name);
    assert.deepEqual(find('code-of-conduct'), ['Code_Of_Conduct.rst']);
    assert.deepEqual(find('contributing'), ['.github/CONTRIBUTING']);
    assert.deepEqual(find('governance'), ['docs/governance.txt']);
    assert.deepEqual(find('adopters'), []);
    assert.deepEqual(find('maintainers'), ['MAINTAINERS_LIST', 'OWNERS', 'docs/CODEOWNERS']);
  });

  it('README: maturity, channels, badge id (both hosts)', () => {
    assert.equal(readmeMaturity('# X\n\nX is a CNCF Sandbox project.\n')?.level, 'sandbox');
    assert.equal(readmeMaturity('# X\n\nThe incubator of ideas.\n'), undefined);
    assert.deepEqual(communityChannels('Join us on Slack, the mailing list at groups.google.com/g/x or Discord: discord.gg/x'), ['Slack', 'mailing list', 'Discord']);
    assert.equal(badgeProjectId('[![b](https://bestpractices.coreinfrastructure.org/projects/1234/badge)]'), 1234);
    assert.equal(badgeProjectId('https://www.bestpractices.dev/en/projects/6643'), 6643);
  });

  it('compares evidence URLs without the ref', () => {
    assert.equal(normalizeEvidenceUrl('https://github.com/kserve/kserve/blob/master/SECURITY.md#top'), normalizeEvidenceUrl('https://github.com/kserve/kserve/blob/0123456789abcdef0123456789abcdef01234567/SECURITY.md'));
    assert.equal(normalizeEvidenceUrl('https://www.bestpractices.dev/en/projects/6643'), normalizeEvidenceUrl('https://bestpractices.coreinfrastructure.org/projects/6643'));
    assert.notEqual(normalizeEvidenceUrl('https://github.com/a/b/blob/main/X.md'), normalizeEvidenceUrl('https://github.com/a/c/blob/main/X.md'));
  });

  it('fills a template and pins its relative links', () => {
    const out = fillTemplate('# $PROJECT\n$TOCMEMBER, $LEVEL, $DATE, $NOTABLES [a](../x/y.md#h) [b](#local) [c](https://e.org)', { project: 'P', level: 'Incubation', reviewer: 'R', date: new Date('2025-03-04T00:00:00Z') }, { webUrl: 'https://github.com/o/r', sha: 'abc', path: 'ops/t/tpl.md' });
    assert.equal(out, '# P\nR, Incubation, 04-Mar-2025, $NOTABLES [a](https://github.com/o/r/blob/abc/ops/x/y.md#h) [b](#local) [c](https://e.org)');
  });
});

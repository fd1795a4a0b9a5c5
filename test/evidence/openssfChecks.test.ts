import assert from 'node:assert/strict';
import { noCancellation } from '../../server/src/service/host';
import { createEvidenceDiscoverer } from '../../server/src/service/evidence/discover';
import { EvidenceCache } from '../../server/src/service/evidence/cache';
import { badgePercentages, scorecardChecks } from '../../server/src/service/evidence/openssf';
import { badgeNext, openssfItems, SCORECARD_TRIAGE_CHECKS } from '../../server/src/service/evidence/openssfFindings';
import { evidenceReport, evidenceReportToMarkdown } from '../../server/src/service/evidence/report';
import type { EvidenceItem } from '../../server/src/service/profiles/types';
import { createEvidenceGitHub } from '../../server/src/web/evidenceGitHub';
import { NOW, SCORECARD_CHECKS, useEvidenceEnv } from '../support/evidenceRepos';

describe('evidence: OpenSSF Best Practices level and progress, Scorecard per check', function () {
  this.timeout(30_000);

  describe('reading the answers (pure)', () => {
    it('percentages per level from badge_percentage_N, else from tiered_percentage; the next level and how far along', () => {
      assert.deepEqual(badgePercentages({ badge_percentage_0: 100, badge_percentage_1: 36.4, badge_percentage_2: 0 }), { passing: 100, silver: 36, gold: 0 });
      assert.deepEqual(badgePercentages({ tiered_percentage: 136 }), { passing: 100, silver: 36, gold: 0 });
      assert.deepEqual(badgePercentages({ tiered_percentage: 84 }), { passing: 84, silver: 0, gold: 0 });
      assert.equal(badgePercentages({ badge_percentage_0: 'lots' }), undefined);
      assert.deepEqual(badgeNext({ level: 'in_progress', percent: { passing: 84 } }), { level: 'passing', percent: 84 });
      assert.deepEqual(badgeNext({ level: 'passing', percent: { passing: 100, silver: 36 } }), { level: 'silver', percent: 36 });
      assert.equal(badgeNext({ level: 'gold', percent: { gold: 100 } }), undefined);
      assert.equal(badgeNext({ level: 'passing' }), undefined);
    });

    it('Scorecard checks: name, score, reason; documentation kept only when https; malformed entries dropped', () => {
      const checks = scorecardChecks([...SCORECARD_CHECKS, { name: 'X' }, null, 'y', { name: 'Nan', score: Number.NaN }]);
      assert.deepEqual(checks.map((c) => [c.name, c.score]), [['Binary-Artifacts', 10], ['Branch-Protection', 3], ['CI-Tests', 9], ['Token-Permissions', 0], ['Fuzzing', -1]]);
      assert.equal(checks[1]!.docs, 'https://github.com/ossf/scorecard/blob/main/docs/checks.md#branch-protection');
      assert.equal(checks[4]!.docs, undefined);
      assert.deepEqual(scorecardChecks(undefined), []);
    });

    it('one item per triage check, in order: scored, inconclusive, absent, or no result at all', () => {
      const items = openssfItems({ missing: true, reason: 'x' }, { score: 5, date: '2025-05-26', url: 'https://sc/x', checks: [{ name: 'SAST', score: -1, reason: 'no SAST tool detected' }, { name: 'ci-tests', score: 7, reason: '' }] }, 'o/r');
      const checks = items.filter((i) => i.detector === 'scorecard-checks');
      assert.deepEqual(checks.map((i) => i.details?.['check']), [...SCORECARD_TRIAGE_CHECKS]);
      assert.deepEqual(checks.map((i) => [i.found, i.summary]), [
        [false, 'Scorecard Branch-Protection: not in the result (2025-05-26)'],
        [false, 'Scorecard Token-Permissions: not in the result (2025-05-26)'],
        [false, 'Scorecard SAST inconclusive (2025-05-26): no SAST tool detected'],
        [true, 'Scorecard CI-Tests 7/10 (2025-05-26)'],
      ]);
      const none = openssfItems({ missing: true, reason: 'x' }, { missing: true, reason: 'not computed for this repository' }, 'o/r').filter((i) => i.detector === 'scorecard-checks');
      assert.equal(none.length, 4);
      assert.ok(none.every((i) => !i.found && i.url === undefined && /no Scorecard result \(not computed for this repository\)/.test(i.summary)));
    });
  });

  describe('discovery against fake OpenSSF services', () => {
    const env = useEvidenceEnv();
    const setup = () => createEvidenceDiscoverer({ github: createEvidenceGitHub({ apiUrl: env.gh.apiUrl, token: env.gh.token }), http: env.http, cache: new EvidenceCache(), clock: { now: () => NOW } });
    const pick = (items: EvidenceItem[], repo: string, detector: string): EvidenceItem[] => items.filter((i) => i.repo === repo && i.detector === detector);

    it('per repository: the badge level with the percentage towards the next level, and the four checks the triage names', async () => {
      const d = await setup().discover(['kserve/kserve', 'kserve/community'], { config: env.config(), allowNetwork: true }, noCancellation);
      const items = d.results.flatMap((r) => r.items);
      const [badge] = pick(items, 'kserve/kserve', 'openssf-badge');
      assert.equal(badge?.summary, 'OpenSSF Best Practices badge: passing (project 6643), 7% towards silver');
      assert.deepEqual(badge?.details?.['next'], { level: 'silver', percent: 7 });
      assert.deepEqual(badge?.details?.['percent'], { passing: 100, silver: 7, gold: 0 });
      const [other] = pick(items, 'kserve/community', 'openssf-badge');
      assert.equal(other?.found, false);
      assert.equal(other?.summary, 'OpenSSF Best Practices project 9000 is in_progress, 84% towards passing, not passing yet');
      assert.equal(other?.details?.['via'], 'search');

      const checks = pick(items, 'kserve/kserve', 'scorecard-checks');
      assert.deepEqual(checks.map((i) => [i.details?.['check'], i.details?.['score'], i.found]), [
        ['Branch-Protection', 3, true], ['Token-Permissions', 0, true], ['SAST', undefined, false], ['CI-Tests', 9, true],
      ]);
      assert.equal(checks[0]!.summary, 'Scorecard Branch-Protection 3/10 (2025-05-26): branch protection is not maximal on development and all release branches');
      assert.equal(checks[0]!.url, `${env.ossf.scorecardUrl}/projects/github.com/kserve/kserve`);
      const [score] = pick(items, 'kserve/kserve', 'scorecard');
      assert.equal(score?.summary, 'OpenSSF Scorecard score 6.4/10 (2025-05-26)');
      assert.equal((score?.details?.['checks'] as unknown[]).length, 5);
      assert.ok(pick(items, 'kserve/community', 'scorecard-checks').every((i) => !i.found));

      // the report: one row for the checks, their one link once
      const md = evidenceReportToMarkdown(evidenceReport(d));
      const row = md.split('\n').find((l) => l.includes('| Scorecard checks'))!;
      assert.match(row, /^\| ✓ \| Scorecard checks \(branch protection, token permissions, SAST, CI tests\) \| Scorecard Branch-Protection 3\/10/);
      assert.equal(row.split('](').length - 1, 1);
    });
  });
});

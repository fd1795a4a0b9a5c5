import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { analyseText } from '../../server/src/service/model/index';
import { BUILTIN_PROFILES, DETECTOR_IDS, matchProfile, mergeProfiles, recogniseCriteria } from '../../server/src/service/profiles/index';
import { BONUS_WITHOUT_TERMS, CRITERION_THRESHOLD } from '../../server/src/service/profiles/match';
import type { Profile } from '../../server/src/service/profiles/types';
import { stem, terms } from '../../server/src/service/profiles/text';
import { EXAMPLE, readSeed, needsShared } from '../support/docs';
import { REWORDED } from './reworded';

const profile = (id: string): Profile => BUILTIN_PROFILES.find((p) => p.id === id)!;

/** The seed with every criterion title replaced by its reworded form. */
function rewordedSeed(): string {
  const seed = readSeed();
  const m = analyseText(seed);
  let text = seed;
  for (const c of [...m.criteria].reverse()) text = text.slice(0, c.titleSpan.start) + `**${REWORDED[c.index]![0]}**` + text.slice(c.titleSpan.end);
  return text;
}

describe('profiles: built-in data', () => {
  it('ships CNCF Sandbox, Incubation, Graduation and CCC Incubation, Graduation', () => {
    assert.deepEqual(BUILTIN_PROFILES.map((p) => p.id), ['cncf-sandbox', 'cncf-incubation', 'cncf-graduation', 'ccc-incubation', 'ccc-graduation']);
    const count = (id: string): number => profile(id).areas.reduce((n, a) => n + a.criteria.length, 0);
    // the criteria of the 2026 templates, plus one a 2025 version dropped (kept for older documents)
    const current = (id: string): number => profile(id).areas.reduce((n, a) => n + a.criteria.filter((c) => c.until === undefined).length, 0);
    assert.deepEqual([count('cncf-incubation'), current('cncf-incubation')], [48, 47]);
    assert.deepEqual([count('cncf-graduation'), current('cncf-graduation')], [51, 50]);
    for (const p of BUILTIN_PROFILES) {
      for (const c of p.areas.flatMap((a) => a.criteria)) {
        for (const e of c.evidence) assert.ok(DETECTOR_IDS.includes(e), `${p.id} ${c.id}: ${e}`);
      }
    }
  });

  it('maps criteria to the evidence detectors that serve them', () => {
    const ev = (p: string, id: string): string[] => profile(p).areas.flatMap((a) => a.criteria).find((c) => c.id === id)!.evidence;
    assert.deepEqual(ev('cncf-incubation', 'security.reporting-process'), ['security-policy', 'openssf-badge', 'scorecard']);
    assert.deepEqual(ev('cncf-incubation', 'governance.code-of-conduct'), ['code-of-conduct']);
    assert.deepEqual(ev('cncf-incubation', 'ecosystem.adopters-list'), ['adopters']);
    assert.deepEqual(ev('cncf-graduation', 'engineering.release-history'), ['releases', 'changelog']);
    assert.deepEqual(ev('ccc-incubation', 'incubation.status-listed'), ['readme-maturity']);
    assert.deepEqual(ev('ccc-graduation', 'graduation.commit-flow'), ['contributors', 'releases']);
  });

  it('levels follow the templates: governance documentation is Suggested at Incubation, Required at Graduation', () => {
    const level = (p: string, id: string): string => profile(p).areas.flatMap((a) => a.criteria).find((c) => c.id === id)!.level;
    assert.equal(level('cncf-incubation', 'governance.clear-and-discoverable'), 'suggested');
    assert.equal(level('cncf-graduation', 'governance.clear-and-discoverable'), 'required');
    assert.equal(level('cncf-graduation', 'security.openssf-silver-gold'), 'suggested');
    assert.equal(profile('cncf-incubation').template?.path, 'operations/toc-templates/template-dd-pr-incubation.md');
  });
});

describe('profiles: text terms', () => {
  it('stems inflections and derivations to one term', () => {
    assert.deepEqual(['documentation', 'documented', 'documents', 'document'].map(stem), ['document', 'document', 'document', 'document']);
    assert.deepEqual(['maintainers', 'maintained', 'maintaining'].map(stem), ['maintain', 'maintain', 'maintain']);
    assert.deepEqual(['process', 'processes'].map(stem), ['process', 'process']);
    assert.deepEqual(['releases', 'release', 'released'].map(stem), ['releas', 'releas', 'releas']);
    assert.deepEqual(terms('The [vendor-neutral](https://x.io/a) policy’s **status**'), ['vend', 'neutr', 'polic', 'status']);
  });
});

describe('profiles: matchProfile', () => {
  needsShared();
  it('the seed is CNCF Incubation with all 44 criteria recognised', () => {
    const m = analyseText(readSeed());
    const r = matchProfile(m, BUILTIN_PROFILES)!;
    assert.equal(r.profile.id, 'cncf-incubation');
    assert.ok(r.confidence >= 0.9, String(r.confidence));
    assert.equal(r.criteria.length, 44);
    assert.equal(r.criteria.filter(Boolean).length, 44);
    // one-to-one
    const ids = r.criteria.map((c) => c!.id);
    assert.equal(new Set(ids).size, 44);
    assert.equal(r.criteria[35]!.id, 'security.reporting-process');
    assert.equal(r.criteria[40]!.id, 'ecosystem.adopters-list');
  });

  it('the seed with every criterion reworded: all 44 recognised by meaning', () => {
    const m = analyseText(rewordedSeed());
    assert.equal(m.criteria.length, 44);
    const r = matchProfile(m, BUILTIN_PROFILES)!;
    assert.equal(r.profile.id, 'cncf-incubation');
    const wrong = m.criteria.filter((c, i) => r.criteria[i]?.id !== REWORDED[i]![1]).map((c) => c.title);
    assert.deepEqual(wrong, []);
  });

  it('reworded criteria one at a time (no help from the others): at least 42 of 44', () => {
    let ok = 0;
    const missed: string[] = [];
    for (const [title, id] of REWORDED) {
      const got = recogniseCriteria(analyseText(`# X\n\n## Misc\n\n- [ ] **${title}**\n`), profile('cncf-incubation'))[0]?.id;
      if (got === id) ok++;
      else missed.push(`${title} → ${got ?? 'none'}`);
    }
    assert.ok(ok >= 42, `recognised ${ok}/44; missed: ${missed.join('; ')}`);
  });

  it('a new version with the same criteria gets the same pairing (reused); a changed title, level or area is paired afresh', () => {
    const text = readFileSync(EXAMPLE, 'utf8');
    const first = recogniseCriteria(analyseText(text), profile('cncf-incubation'));
    // evaluation text typed under a criterion: the criteria's titles, levels and areas are unchanged
    const typed = text.replace(/(\n- \[[ xX]\] \*\*[^\n]*\n)/, '$1\n  A finding typed by the reviewer.\n');
    assert.notEqual(typed, text);
    assert.deepEqual(recogniseCriteria(analyseText(typed), profile('cncf-incubation')), first);
    // the result is the caller's: changing it does not change the next answer
    const mine = recogniseCriteria(analyseText(text), profile('cncf-incubation'));
    mine.fill(undefined);
    assert.deepEqual(recogniseCriteria(analyseText(text), profile('cncf-incubation')), first);
    // the first recognised criterion renamed to something unrelated is no longer recognised
    const m = analyseText(text);
    const i = first.findIndex(Boolean);
    const renamed = text.replace(`**${m.criteria[i]!.title}**`, '**The project has a mascot**');
    assert.notEqual(renamed, text);
    const again = recogniseCriteria(analyseText(renamed), profile('cncf-incubation'));
    assert.equal(again[i], undefined);
  });

  it('only profile criteria sharing a term are scored: the area and level bonuses alone stay under the threshold', () => {
    // the pairing scores a document criterion against the profile criteria that share a term with
    // it (an inverted index); this is exact only while the bonuses without a term cannot pass
    assert.ok(BONUS_WITHOUT_TERMS < CRITERION_THRESHOLD);
    // a criterion whose only tie to a profile criterion is its area and level is not paired
    const m = analyseText('# X\n\n## Governance\n\n### Required\n\n- [ ] **Zebra quokka platypus**\n');
    assert.deepEqual(recogniseCriteria(m, profile('cncf-incubation')), [undefined]);
    // the same titles in another document (the memo by title, level and area) get the same pairs
    const seed = readSeed();
    const a = recogniseCriteria(analyseText(seed), profile('cncf-incubation'));
    const b = recogniseCriteria(analyseText(`# Another\n\n${seed.slice(seed.indexOf('\n## '))}`), profile('cncf-incubation'));
    assert.deepEqual(b.map((c) => c?.id), a.map((c) => c?.id));
  });

  it('unrelated criteria are not recognised', () => {
    const m = analyseText('# X\n\n## Misc\n\n- [ ] **The project has a mascot**\n- [ ] **Lunch was served at the kick-off**\n- [ ] **Kubernetes 1.30 is supported**\n');
    assert.deepEqual(recogniseCriteria(m, profile('cncf-incubation')), [undefined, undefined, undefined]);
  });

  it('the example document (17 of the criteria) is CNCF Incubation', () => {
    const m = analyseText(readFileSync(EXAMPLE, 'utf8'));
    const r = matchProfile(m, BUILTIN_PROFILES)!;
    assert.equal(r.profile.id, 'cncf-incubation');
    assert.equal(r.criteria.filter(Boolean).length, 17);
  });

  it('a Graduation document is CNCF Graduation, and its own criteria are recognised', () => {
    const text = readSeed().replace(/Incubation/g, 'Graduation')
      + '\n- [ ] **Project maintainers from at least 2 organizations that demonstrates survivability.**\n\n- [ ] **Third Party Security Review.**\n';
    const m = analyseText(text);
    const r = matchProfile(m, BUILTIN_PROFILES)!;
    assert.equal(r.profile.id, 'cncf-graduation');
    const ids = r.criteria.map((c) => c?.id);
    assert.ok(ids.includes('governance.maintainers-two-organizations'));
    assert.ok(ids.includes('security.third-party-review'));
  });

  it('a CCC review is recognised as a CCC stage, not CNCF', () => {
    const doc = `# Veraison Graduation review — Confidential Computing Consortium

The TAC reviewed the project for the Graduation stage.

## Graduation Acceptance Criteria

### Required

- [x] **A growth plan was developed with the project's TAC liaison**
- [ ] **Used in production by at least two independent end-user organizations**
- [x] **Ongoing flow of commits and merged contributions**
- [ ] **Community participation is enough for the growth plan's goals**
- [ ] **The project invests in a diverse and inclusive community**
- [ ] **Two-thirds supermajority vote of the TAC**

## Incubation Acceptance Criteria

- [x] **A TAC representative sponsors the project**
- [x] **Presented at a TAC meeting**
- [ ] **Incubation status is listed prominently in the README**
`;
    const m = analyseText(doc);
    const r = matchProfile(m, BUILTIN_PROFILES)!;
    assert.equal(r.profile.id, 'ccc-graduation');
    assert.deepEqual(r.criteria.map((c) => c?.id), [
      'graduation.growth-plan', 'graduation.production-use', 'graduation.commit-flow', 'graduation.community-participation',
      'graduation.diverse-community', 'graduation.tac-vote', 'incubation.tac-sponsor', 'incubation.tac-presentation', 'incubation.status-listed',
    ]);
  });

  it('a document that is no review matches no profile', () => {
    assert.equal(matchProfile(analyseText('# Shopping list\n\n- [ ] milk\n- [ ] bread\n'), BUILTIN_PROFILES), undefined);
    assert.equal(matchProfile(analyseText(''), BUILTIN_PROFILES), undefined);
    assert.equal(matchProfile(analyseText(readSeed()), []), undefined);
  });

  it('front matter `profile:` names the profile outright', () => {
    const m = analyseText('---\nprofile: cncf-graduation\n---\n' + readSeed());
    assert.equal(matchProfile(m, BUILTIN_PROFILES)!.profile.id, 'cncf-graduation');
    const unknown = analyseText('---\nprofile: nope\n---\n' + readSeed());
    assert.equal(matchProfile(unknown, BUILTIN_PROFILES)!.profile.id, 'cncf-incubation');
  });

  it('a user profile with a built-in id replaces it; others are added', () => {
    const mine: Profile = { ...profile('cncf-incubation'), name: 'Our incubation' };
    const merged = mergeProfiles([mine, { ...profile('ccc-incubation'), id: 'acme-review' }]);
    assert.equal(merged.filter((p) => p.id === 'cncf-incubation').length, 1);
    assert.equal(merged.find((p) => p.id === 'cncf-incubation')!.name, 'Our incubation');
    assert.ok(merged.some((p) => p.id === 'acme-review'));
  });
});

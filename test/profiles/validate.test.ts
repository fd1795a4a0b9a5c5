import assert from 'node:assert/strict';
import { BUILTIN_PROFILES, loadProfileFiles, matchProfile, parseProfileFile, validateProfiles, type Profile } from '../../server/src/service/profiles/index';
import { titlePatternProblem } from '../../server/src/service/profiles/titlePattern';
import { analyseText } from '../../server/src/service/model/index';
import type { FileSystem } from '../../server/src/service/host';

const good = {
  id: 'acme-review',
  name: 'Acme internal review',
  foundation: 'Acme',
  stage: 'Incubation',
  detect: { titlePatterns: ['acme\\s+review'], keywords: ['Acme'] },
  areas: [{ id: 'security', name: 'Security', criteria: [{ id: 'security.policy', title: 'Security policy published', level: 'required', keywords: ['security policy'], evidence: ['security-policy'] }] }],
  template: { repo: 'acme/templates', path: 'review.md' },
};

function memFs(files: Record<string, string>): FileSystem {
  return {
    readFile: async (uri) => files[uri],
    exists: async (uri) => uri in files,
  };
}

describe('profiles: validation of user profiles', () => {
  it('accepts one profile, a list, or { profiles: [...] }', () => {
    for (const raw of [good, [good], { profiles: [good] }]) {
      const r = validateProfiles(raw, 'p.json');
      assert.deepEqual(r.problems, []);
      assert.equal(r.profiles[0]!.id, 'acme-review');
      assert.deepEqual(r.profiles[0]!.template, { repo: 'acme/templates', path: 'review.md' });
    }
  });

  it('says which field is wrong and what was expected', () => {
    const bad = structuredClone(good) as Record<string, unknown> & typeof good;
    (bad.areas[0]!.criteria[0] as Record<string, unknown>)['level'] = 'must';
    (bad.areas[0]!.criteria[0] as Record<string, unknown>)['evidence'] = ['security-policy', 'sbom'];
    bad.detect.titlePatterns = ['acme(('];
    delete (bad as Record<string, unknown>)['foundation'];
    const r = validateProfiles(bad, 'mine.json');
    assert.equal(r.profiles.length, 0);
    assert.deepEqual(r.problems.map((p) => p.replace(/\(Invalid regular expression.*\)$/, '(…)')), [
      'mine.json: profile.foundation: expected a non-empty string, got nothing',
      'mine.json: detect.titlePatterns[0]: not a valid regular expression (…)',
      'mine.json: areas[0].criteria[0].level: expected "required", "suggested" or "other", got "must"',
      'mine.json: areas[0].criteria[0].evidence[1]: expected one of security-policy, code-of-conduct, contributing, governance, maintainers, adopters, roadmap, release-process, changelog, license, openssf-badge, scorecard, releases, contributors, readme-maturity, community-channels, scorecard-checks, toc-tech-review, toc-governance-review, toc-security-assessment, contributor-organisations, maintainer-organisations, security-audits, sub-projects, got "sbom"',
    ]);
  });

  it('a bad profile in a list is left out, the good ones load; duplicate ids are reported', () => {
    const r = validateProfiles({ profiles: [good, { ...good, areas: [] }, good, 42] }, 'list.json');
    assert.deepEqual(r.profiles.map((p) => p.id), ['acme-review']);
    assert.deepEqual(r.problems, [
      'list.json: profiles[1].areas: expected a non-empty list of areas, got a list',
      'list.json: profiles[2].id: "acme-review" is defined twice in this file',
      'list.json: profiles[3]: expected a profile object, got number 42',
    ]);
  });

  it('duplicate criterion ids and bad template repos are reported', () => {
    const dup = structuredClone(good);
    dup.areas[0]!.criteria.push({ ...dup.areas[0]!.criteria[0]! });
    dup.template.repo = 'not a repo';
    const r = validateProfiles(dup, 'd.json');
    assert.deepEqual(r.problems, [
      'd.json: template.repo: expected "owner/name", got "not a repo"',
      'd.json: areas[0].criteria[1].id: "security.policy" is already the id of areas[0].criteria[0]; criterion ids must be unique in a profile',
    ]);
  });

  it('JSON syntax errors give the line and column', () => {
    const r = parseProfileFile('{\n  "id": "x",\n  oops\n}', 'broken.json');
    assert.equal(r.profiles.length, 0);
    assert.match(r.problems[0]!, /^broken\.json: not valid JSON \(line 3, column 3\): /);
  });

  it('files are read through the host FileSystem; missing files and clashes are problems, not exceptions', async () => {
    const fs = memFs({ '/ws/a.json': JSON.stringify(good), '/ws/b.json': JSON.stringify([good]) });
    const r = await loadProfileFiles(['a.json', 'b.json', 'c.json'], fs, (p) => `/ws/${p}`);
    assert.deepEqual(r.profiles.map((p) => p.id), ['acme-review']);
    assert.deepEqual(r.problems, [
      'b.json: profile "acme-review" is also defined in a.json; the first one is used',
      'c.json: no such file (diligence.profiles)',
    ]);
    const throwing: FileSystem = { readFile: async () => { throw new Error('EACCES'); }, exists: async () => true };
    assert.deepEqual((await loadProfileFiles(['x.json'], throwing)).problems, ['x.json: cannot be read (EACCES)']);
  });
});

describe('profiles: title patterns from a profile file cannot hang the report (issue 20, item 7)', () => {
  it('refuses patterns that backtrack: a repeated group holding a repetition or an alternation, too many unbounded repetitions', () => {
    for (const bad of ['^(a+)+$', '(a*)*b', '(a|aa)+$', '(?:x+y?)+', '((a)+)+', 'a.*b.*c.*d.*e.*f']) {
      assert.ok(titlePatternProblem(bad), bad);
      const r = validateProfiles({ ...good, detect: { titlePatterns: [bad], keywords: ['Acme'] } }, 'p.json');
      assert.ok(r.problems.some((p) => p.includes('detect.titlePatterns[0]') && p.includes('refused')), `${bad}: ${r.problems.join('; ')}`);
    }
    for (const fine of ['acme\\s+review', '\\b(CCC|confidential\\s+computing)\\b.*\\bGraduation\\b', '\\bsandbox\\s+(due[\\s-]+diligence|application|review)\\b', '(ab){2}', '[(a+)+]x', '\\(a+\\)+']) {
      assert.equal(titlePatternProblem(fine), undefined, fine);
    }
    for (const p of BUILTIN_PROFILES) for (const t of p.detect.titlePatterns) assert.equal(titlePatternProblem(t), undefined, t);
  });

  it('a refused pattern is not run when the profile is matched (a title of 40 `a` and `!`)', () => {
    const profile = { ...good, detect: { titlePatterns: ['^(a+)+$'], keywords: ['Acme'] } } as unknown as Profile;
    const model = analyseText(`# ${'a'.repeat(40)}!\n\n## Security\n\n- [ ] **Security policy published**\n`);
    // with the pattern run, this call does not return for hours
    const m = matchProfile(model, [profile]);
    assert.ok(m === undefined || m.profile.id === 'acme-review');
  });
});

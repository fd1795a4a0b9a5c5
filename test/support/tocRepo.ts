/**
 * A fake cncf/toc for evidence discovery tests, written for these tests (no real review's text):
 *
 * projects/kserve/: two General Technical Review snapshots (2024-08-10, 2025-03-01), a governance
 *   review of 2025-04-15 shaped like the Project Reviews template (status line, Must-Fix Items
 *   with two bullets, one wrapped over two lines as real reviews are, Points of Excellence, Areas
 *   for Improvement with three), and security-assessment/self-assessment.md.
 * projects/widgets/: only a self-assessment in the misspelt folder `security-assesment/` and a
 *   governance review whose template status line and sections are still unfilled.
 * There is no projects/acme/ folder.
 */
import { repo, sha, type FakeRepo } from './fakeGitHub';

export const TOC_HEAD = sha('cncf/toc@main');

export const KSERVE_GOVERNANCE_REVIEW = `<!-- written for the tests -->

# Governance Review for KServe Incubation

What follows is a governance review of an invented snapshot of the project.

## Summary and Assessment

**Status:** Mostly Satisfactory

### Executing the Assessment

Two reviewers read the governance documents in April.

### Must-Fix Items

**The following issues have been identified that need to be resolved before
incubation:**

- List every maintainer with their employer in MAINTAINERS.md.
- Link the code of conduct from
the governance document.

### Points of Excellence

**The following aspects of governance are exemplary:**

- Meetings are recorded and their notes are public.

### Areas for Improvement

**Over the next year, the project should work on the following issues to improve
its governance, these are considered non-blocking:**

* Document how subproject leads are chosen.
* Add a second organisation to the release team.
* Publish the steering election calendar.

---

## Review

### Discoverability

- Not a must-fix item: the governance is easy to find.
`;

export const UNFILLED_GOVERNANCE_REVIEW = `# Governance Review Template

## Summary and Assessment

**Status:** Exemplary | Satisfactory | Mostly Satisfactory | Needs Work | In Crisis

### Must-Fix Items

**The following issues have been identified that need to be resolved before
[project milestone or other requirement]:**

### Areas for Improvement

**Over the next year, the project should work on the following issues to improve
its governance, these are considered non-blocking:**
`;

export function tocRepo(): FakeRepo {
  return repo('cncf/toc', {
    'README.md': '# TOC\n',
    'projects/kserve/tech-review/2024-08-10.md': '# GTR\n',
    'projects/kserve/tech-review/2025-03-01.md': '# GTR\n',
    'projects/kserve/governance-review/2025-04-15.md': KSERVE_GOVERNANCE_REVIEW,
    'projects/kserve/security-assessment/self-assessment.md': '# Self-assessment\n',
    'projects/kserve/security-assessment/diagram.png': '',
    'projects/widgets/security-assesment/self-assessment.md': '# Self-assessment\n',
    'projects/widgets/governance-review/draft.md': UNFILLED_GOVERNANCE_REVIEW,
  }, { branches: { main: TOC_HEAD } });
}

/**
 * `.project` metadata repositories for the tests, written for them (shaped like CNCF's schema in
 * cncf/automation utilities/dot-project, no real project's text), the users whose profiles state
 * a company, and an organisation's code repository with commits by them.
 *
 * acme/.project: project.yaml (adopters, security policy + contact, two audits, sub-project list,
 *   Slack channels and mailing lists, governance document) and maintainers.yaml (4 maintainers in
 *   "project-maintainers", one reviewer team `managed: false`, 2 emeritus). Maintainers' profiles:
 *   Acme Corp ×2 (once as "@acme corp"), Globex ×1, none ×1.
 * acme/widget: 6 commits in the 12 months before NOW by ann (Acme Corp), bo (Globex) and an
 *   author without a GitHub account.
 * mono/.project: maintainers all at Initech (with one stating none); mono/tool: a code repository.
 * solo/app has no .project; hidden/.project is private; broken/.project has malformed YAML;
 * huge/.project has a project.yaml over the size read.
 */
import { repo, type FakeRepo, type FakeUsers } from './fakeGitHub';

export const ACME_PROJECT_YAML = `# .project metadata for Acme (written for the tests)
schema_version: "1.0.0"
slug: "acme"
name: "Acme"
description: >
  A widget orchestrator
  for the tests.
type: "project"
project_lead:
  - "ann"
slack_channels:
  - name: "#acme"
    workspace: "cncf"
    link: "https://cloud-native.slack.com/archives/C000ACME"
    primary: true
  - name: "#acme-dev"
    workspace: "cncf"
maturity_log:
  - phase: "sandbox"
    date: 2023-01-10T00:00:00Z
    issue: "https://github.com/cncf/sandbox/issues/1"
repositories:
  - url: "https://github.com/acme/widget"
    primary: true
    tags: [core, 'runtime']
adopters:
  path: "https://github.com/acme/widget/blob/main/ADOPTERS.md"
mailing_lists:
  - "acme-dev@lists.example.org"
  - 'acme-users@lists.example.org'
audits:
  - date: 2023-05-01T00:00:00Z
    type: "security"
    url: "https://example.org/acme-audit-2023.pdf"
  - date: 2024-11-30T00:00:00Z
    type: "performance"
    url: "https://example.org/acme-perf.pdf"
security:
  policy:
    path: "https://github.com/acme/widget/blob/main/SECURITY.md"
  contact:
    email: security@acme.example.org # private reports
    advisory_url: "https://github.com/acme/widget/security/advisories/new"
governance:
  governance_doc:
    path: "https://github.com/acme/community/blob/main/GOVERNANCE.md"
  sub_project_list:
    path: "https://github.com/acme/community/blob/main/SUBPROJECTS.md"
  community_calendar:
    path: "https://github.com/acme/community/blob/main/calendar.md"
`;

export const ACME_MAINTAINERS_YAML = `# Maintainer roster (written for the tests)
maintainers:
  - project_id: "acme"
    org: "acme"
    teams:
      - name: "project-maintainers"
        members:
          - ann
          - "@bo"
          - cy
          - dee
          - ann
      # reviewers are tracked, not maintainers
      - name: "reviewers"
        managed: false
        members:
          - eve
      - name: "emeritus"
        managed: false
        members: [old1, old2]
`;

export const MONO_MAINTAINERS_YAML = `maintainers:
  - project_id: "mono"
    teams:
      - name: "maintainers"
        members:
          - ian
          - ivy
          - ike
`;

export const USERS: FakeUsers = {
  ann: { company: 'Acme Corp' },
  bo: { company: 'Globex' },
  cy: { company: '@acme corp' },
  dee: { company: null },
  ian: { company: 'Initech' },
  ivy: { company: '@Initech' },
  ike: { company: '' },
};

export function projectRepos(now: Date): FakeRepo[] {
  const day = (n: number): string => new Date(now.getTime() - n * 86_400_000).toISOString();
  return [
    repo('acme/.project', { 'project.yaml': ACME_PROJECT_YAML, 'maintainers.yaml': ACME_MAINTAINERS_YAML, 'README.md': '# .project\n' }),
    repo('acme/widget', { 'README.md': '# Widget\n' }, {
      history: [
        { date: day(1), login: 'ann', email: 'ann@example.org' },
        { date: day(2), login: 'ann', email: 'ann@example.org' },
        { date: day(3), login: 'cy', email: 'cy@example.org' },
        { date: day(4), login: 'bo', email: 'bo@example.org' },
        { date: day(5), email: 'someone@example.net' },
        { date: day(6), login: 'dee', email: 'dee@example.org' },
        { date: day(400), login: 'bo', email: 'bo@example.org' },
      ],
    }),
    repo('mono/.project', { 'maintainers.yaml': MONO_MAINTAINERS_YAML }),
    repo('mono/tool', { 'README.md': '# Tool\n' }, { history: [{ date: day(1), login: 'ian', email: 'ian@example.org' }] }),
    repo('solo/app', { 'README.md': '# App\n' }),
    repo('hidden/.project', { 'project.yaml': ACME_PROJECT_YAML }, { private: true }),
    repo('broken/.project', { 'project.yaml': 'name: ok\nrepositories: &r\n  - *r\n', 'maintainers.yaml': 'maintainers:\n\t- x\n' }),
    repo('huge/.project', { 'project.yaml': `description: "${'x'.repeat(600 * 1024)}"\n` }),
  ];
}

/**
 * Application issues for invented projects, in the shape of the TOC's application templates:
 * the template (read at test time from ../shared/reference/cncf-toc, never copied) filled with
 * our own answers. GitHub drops an issue template's front matter from the issue; its `title:`
 * becomes the issue's title.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { repo, type FakeRepo } from './fakeGitHub';
import { startHttpFixture, type HttpFixture } from './httpFixture';
import { TOC, versions } from './templates';

export interface Answer {
  /** matched against the criterion's title */
  match: RegExp;
  text: string;
  tick?: boolean;
}

export interface Application {
  project: string;
  /** Project Repo(s): */
  repos: string;
  site: string;
  adopters: string[];
  answers: Answer[];
  /** criteria (matched by title) whose block is pasted a second time with this answer */
  twice?: Answer[];
}

/** The application template of a kind: the current one, or the version of `name` (e.g. "2024-02-26-97c7c22c"). */
export function applicationTemplate(kind: 'incubation' | 'graduation', name = 'current'): string {
  if (name === 'current') return readFileSync(join(TOC, `template-${kind}-application.md`), 'utf8');
  return readFileSync(join(TOC, 'template-history', `template-${kind}-application@${name}.md`), 'utf8');
}

/** Every version of the application template of a kind, oldest first, the current one last. */
export function applicationVersions(kind: 'incubation' | 'graduation'): Array<{ name: string; text: string }> {
  const prefix = `template-${kind}-application@`;
  const names = readdirSync(join(TOC, 'template-history')).filter((f) => f.startsWith(prefix)).sort().map((f) => f.slice(prefix.length, -'.md'.length));
  return [...names.map((name) => ({ name, text: applicationTemplate(kind, name) })), { name: 'current', text: applicationTemplate(kind) }];
}

/** The issue GitHub would hold: its title, and the body without the template's front matter. */
export function fillApplication(template: string, a: Application): { title: string; body: string } {
  const fm = /^---\r?\n([\s\S]*?)\r?\n---\r?\n/.exec(template);
  const titleLine = (fm?.[1] ?? '').split(/\r?\n/).find((l) => l.startsWith('title:')) ?? 'title: $PROJECT Application';
  const title = titleLine.slice('title:'.length).trim().replace(/^"|"$/g, '').replace(/\$PROJECT/g, a.project);
  const lines = (fm ? template.slice(fm[0].length) : template).split(/\r?\n/);
  const out: string[] = [];
  let pending: Answer | undefined;
  let block: string[] | undefined;
  const blocks: Array<{ answer: Answer; lines: string[] }> = [];
  for (const raw of lines) {
    let line = raw
      .replace(/^(Project Repo\(s\):\s*)\$URL/, `$1${a.repos}`)
      .replace(/^(Project Site:\s*)\$URL/, `$1${a.site}`)
      .replace(/\$LIST/, 'none yet')
      .replace(/\$SLACK/, `#${a.project.toLowerCase()} on the CNCF Slack`)
      .replace(/\$NAME, \$EMAIL/, `Ines Okafor, ines@${a.project.toLowerCase()}.example`)
      .replace(/\$PROJECT/g, a.project);
    const criterion = /^- \[ \] \*\*(.*)$/.exec(line);
    if (criterion) {
      if (block && pending) blocks.push({ answer: pending, lines: block });
      pending = a.answers.find((x) => x.match.test(criterion[1]!));
      block = [];
      if (pending?.tick) line = line.replace('- [ ]', '- [x]');
    } else if (/^#{1,3} /.test(line)) {
      if (block && pending) blocks.push({ answer: pending, lines: block });
      pending = undefined;
      block = undefined;
    }
    if (line.trim() === '*' && a.adopters.length > 0) {
      out.push(...a.adopters.map((x) => `* ${x}`));
      continue;
    }
    if (pending && line.includes('(Project assertion goes here)')) {
      out.push(pending.text);
      block?.push(pending.text);
      pending = { ...pending, text: '' };
      continue;
    }
    out.push(line);
    block?.push(line);
  }
  // a criterion pasted again, with another answer, right before the first one
  for (const t of a.twice ?? []) {
    const b = blocks.find((x) => t.match.test(x.lines[0] ?? ''));
    if (!b) continue;
    const at = out.indexOf(b.lines[0]!);
    out.splice(at, 0, b.lines[0]!, '', t.text, '');
  }
  return { title, body: out.join('\n') };
}

/** Quarkle, applying for incubation on the current template: answers with links, one answered twice, one left empty but ticked, one broken link. */
export const QUARKLE: Application = {
  project: 'Quarkle',
  repos: 'https://github.com/quarkle-dev/quarkle, https://github.com/quarkle-dev/community',
  site: 'https://quarkle.example',
  adopters: ['Bluefin Logistics (production)', 'Orchard Analytics (testing)', 'Tidewater Bank (production)', 'Kettle Labs (integration)'],
  answers: [
    { match: /^Complete a \[General Technical Review/, text: 'Our GTR lives at https://github.com/quarkle-dev/community/blob/main/reviews/gtr.md and was last revised on 02-Feb-2026.', tick: true },
    { match: /^Complete a \[Governance Review\]/, text: 'Self-review: https://github.com/quarkle-dev/community/blob/main/reviews/governance.md', tick: true },
    { match: /vendor-neutral\]/, text: 'Domains, the Slack workspace and the CI accounts are held by the foundation ([details](https://github.com/quarkle-dev/community/blob/main/GOVERNANCE.md#neutrality)).', tick: true },
    { match: /Clear and discoverable project governance/, text: '- [GOVERNANCE.md](https://github.com/quarkle-dev/community/blob/main/GOVERNANCE.md)\n- Steering meets monthly; minutes are public.', tick: true },
    { match: /complete list of current maintainers/, text: 'See [MAINTAINERS.md](https://github.com/quarkle-dev/quarkle/blob/main/MAINTAINERS.md): names, handles and employers.', tick: true },
    { match: /adherence to the CNCF Code of Conduct/, text: 'We adopted the CNCF Code of Conduct: https://github.com/quarkle-dev/quarkle/blob/main/CODE_OF_CONDUCT.md', tick: true },
    { match: /process to submit issues or changes/, text: 'Issues and pull requests on GitHub; larger changes go through a QEP (https://github.com/quarkle-dev/community/blob/main/qeps/README.md).', tick: true },
    { match: /public roadmap/, text: 'Roadmap: https://github.com/quarkle-dev/quarkle/blob/main/docs/missing-roadmap.md', tick: true },
    { match: /report security issues/, text: 'Vulnerabilities are reported privately as described in https://github.com/quarkle-dev/quarkle/blob/main/SECURITY.md\n  - [x] We answer every report within **two days**\n  - [ ] Publish the advisory archive\n\n**TODO for Quarkle team**: name a second security contact.', tick: true },
    { match: /Contributor ladder/, text: '', tick: true },
    { match: /^Publicly documented list of adopters/, text: 'https://github.com/quarkle-dev/quarkle/blob/main/ADOPTERS.md', tick: true },
  ],
  twice: [
    { match: /process to submit issues or changes/, text: 'Also: good first issues are labelled, and the QEP template is linked from CONTRIBUTING.md.' },
  ],
};

/** Widgetry, applying for incubation on the oldest template (2024-02-26); its repositories have no adopters file. */
export const WIDGETRY: Application = {
  project: 'Widgetry',
  repos: 'https://github.com/widgetry/widgetry',
  site: 'https://widgetry.example',
  adopters: ['Saltmarsh Media', 'Foxglove Health'],
  answers: [
    { match: /presentation and engage with the domain specific TAG/, text: 'We presented to TAG App Delivery: https://github.com/widgetry/widgetry/issues/41', tick: true },
    { match: /TAG provides insight/, text: 'The TAG discussed us in its meeting notes of March.', tick: true },
    { match: /complete list of current maintainers/, text: 'https://github.com/widgetry/widgetry/blob/main/MAINTAINERS.md', tick: true },
    { match: /report security issues/, text: 'https://github.com/widgetry/widgetry/blob/main/SECURITY.md', tick: true },
    { match: /Document Security Self-Assessment/, text: 'https://github.com/widgetry/widgetry/blob/main/docs/self-assessment.md', tick: true },
  ],
};

export const ADOPTERS_MD = `# Adopters of Quarkle

| Organisation | Use | Since |
|---|---|---|
| Bluefin Logistics | production | 2024 |
| Orchard Analytics | testing | 2025 |
| Tidewater Bank | production | 2024 |
| Kettle Labs | integration | 2025 |
| Meridian Games | production | 2025 |
| Larkspur University | research | 2023 |
`;

export const MAINTAINERS_MD = `# Maintainers

| Name | GitHub | Affiliation |
|---|---|---|
| Ines Okafor | @inesok | Bluefin Logistics |
| Tomasz Wrobel | @twrobel | Independent |
| Hana Sato | @hsato | Orchard Analytics |
`;

export const QUARKLE_SECURITY = `# Security policy

Report vulnerabilities privately to security@quarkle.example or through a GitHub security advisory.
We acknowledge within 2 business days and follow a coordinated disclosure process with a 90 days embargo.
Supported versions: the last two minor releases.
Dependabot and CodeQL run on every pull request.
Announcements go to the quarkle-announce mailing list.
`;

const QUARKLE_README = `# Quarkle

[![OpenSSF Best Practices](https://www.bestpractices.dev/projects/9001/badge)](https://www.bestpractices.dev/projects/9001)

Quarkle schedules quantum-ish batch jobs on Kubernetes. Quarkle is a CNCF sandbox project.

Talk to us on Slack (#quarkle) or at the community meeting every other Tuesday.
`;

/** The repositories the fake GitHub serves for these applications (the DD templates in cncf/toc, read from ../shared). */
export function applicationRepos(): FakeRepo[] {
  const quarkle = fillApplication(applicationTemplate('incubation'), QUARKLE);
  const widgetry = fillApplication(applicationTemplate('incubation', '2024-02-26-97c7c22c'), WIDGETRY);
  return [
    repo('cncf/toc', {
      'operations/toc-templates/template-dd-pr-incubation.md': versions('incubation').at(-1)!.text,
      'operations/toc-templates/template-dd-pr-graduation.md': versions('graduation').at(-1)!.text,
      'operations/dd-toc-guide.md': readFileSync(join(TOC, 'dd-toc-guide.md'), 'utf8'),
      // the TOC's snapshots (our own text): Quarkle's GTR and governance review, no self-assessment;
      // Widgetry's self-assessment only
      'projects/quarkle/tech-review/2026-03-01.md': '# Quarkle General Technical Review\n',
      'projects/quarkle/governance-review/2026-03-10.md': '# Governance Review for Quarkle\n\n**Status:** Satisfactory\n\n### Must-Fix Items\n\n- Publish the steering committee charter.\n\n### Areas for Improvement\n\n- Rotate the release manager.\n',
      'projects/widgetry/security-assessment/self-assessment.md': '# Widgetry self-assessment\n',
    }, {
      issues: {
        1234: { state: 'OPEN', title: quarkle.title, body: quarkle.body, labels: ['dd/needs-triage', 'level/incubation'] },
        1300: { state: 'OPEN', title: widgetry.title, body: widgetry.body, labels: ['dd/needs-triage'] },
        1400: { state: 'OPEN', title: 'Please add our logo', body: 'We would like our logo on the landscape.' },
        1500: { state: 'OPEN', title: widgetry.title, body: widgetry.body.replace('We presented to TAG App Delivery', 'We presented \u001b]52;c;ZXZpbA==\u0007to TAG App Delivery') },
      },
    }),
    repo('quarkle-dev/quarkle', {
      'README.md': QUARKLE_README,
      'SECURITY.md': QUARKLE_SECURITY,
      'ADOPTERS.md': ADOPTERS_MD,
      'MAINTAINERS.md': MAINTAINERS_MD,
      'CODE_OF_CONDUCT.md': '# Code of Conduct\n\nQuarkle follows the [CNCF Code of Conduct](https://github.com/cncf/foundation/blob/main/code-of-conduct.md).\n',
      'CONTRIBUTING.md': '# Contributing\n\nOpen an issue, then a pull request.\n',
      'ROADMAP.md': '# Roadmap\n\n- 2026: federation\n',
      'docs/RELEASING.md': '# Releasing\n\nEvery six weeks.\n',
      'LICENSE': 'Apache License\nVersion 2.0\n',
    }, { license: { spdxId: 'Apache-2.0', name: 'Apache License 2.0' } }),
    repo('quarkle-dev/community', {
      'README.md': '# Quarkle community\n',
      'GOVERNANCE.md': '# Governance\n\n## Neutrality\n\nNo single vendor controls Quarkle.\n',
      'reviews/gtr.md': '# General Technical Review\n',
      'reviews/governance.md': '# Governance review\n',
      'qeps/README.md': '# QEPs\n',
    }),
    repo('widgetry/widgetry', {
      'README.md': '# Widgetry\n\nWidgets for everyone.\n',
      'SECURITY.md': '# Security\n\nMail security@widgetry.example.\n',
      'MAINTAINERS.md': '# Maintainers\n\n- Ola Nordmann\n- Kim Lee\n',
      'docs/self-assessment.md': '# Self-assessment\n',
    }, { issues: { 41: { state: 'CLOSED', title: 'TAG presentation' } } }),
  ];
}

/** Best Practices (Quarkle: project 9001, passing at 100%) and Scorecard, on 127.0.0.1. */
export async function startApplicationOpenSsf(): Promise<HttpFixture & { bestPracticesUrl: string; scorecardUrl: string; devstatsUrl: string }> {
  const json = (status: number, data: unknown) => (_q: unknown, res: import('node:http').ServerResponse) => {
    res.writeHead(status, { 'content-type': 'application/json' });
    res.end(JSON.stringify(data));
  };
  const fx = await startHttpFixture({
    routes: {
      '/projects/9001.json': json(200, { id: 9001, name: 'quarkle', badge_level: 'passing', tiered_percentage: 140, badge_percentage_0: 100, badge_percentage_1: 40, badge_percentage_2: 5, repo_url: 'https://github.com/quarkle-dev/quarkle' }),
      '/projects.json': json(200, []),
      '/sc/projects/github.com/quarkle-dev/quarkle': json(200, {
        date: '2026-06-20T00:00:00Z', repo: { name: 'github.com/quarkle-dev/quarkle' }, score: 7.1,
        checks: [
          { name: 'Branch-Protection', score: 8, reason: 'branch protection is not maximal on development and all release branches' },
          { name: 'Token-Permissions', score: 10, reason: 'GitHub workflow tokens follow principle of least privilege' },
          { name: 'SAST', score: 7, reason: 'SAST tool is not run on all commits' },
          { name: 'CI-Tests', score: 9, reason: '27 out of 29 merged PRs checked by a CI test' },
        ],
      }),
    },
  });
  return Object.assign(fx, { bestPracticesUrl: fx.origin, scorecardUrl: `${fx.origin}/sc`, devstatsUrl: `${fx.origin}/devstats` });
}

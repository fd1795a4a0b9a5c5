/**
 * Deterministic due-diligence documents in the seed's shape, of any size: a title, the
 * evaluation summary with its placeholders, then many `##` areas, each with `### Suggested` and
 * `### Required` levels holding criteria (`- [ ] **Title**` / `- [x]`), template comments,
 * evaluation text with inline / bare / autolink links, sub-bullets and `**TODO for Owner**: …`.
 * The same seed always gives the same text.
 */

import { prng } from '../test/support/prng';

export { prng };

const AREAS = [
  'Application Process Principles',
  'Governance and Maintainers',
  'Contributors and Community',
  'Engineering Principles',
  'Security',
  'Ecosystem',
  'Documentation and Onboarding',
  'Release Engineering',
];

const CRITERIA = [
  'Clear and discoverable project governance documentation.',
  'Document complete list of current maintainers, including names, contact information, domain of responsibility, and affiliation.',
  'A number of active maintainers which is appropriate to the size and scope of the project.',
  'Code and Doc ownership in Github and elsewhere matches documented governance roles.',
  'Document agreement that project will adopt CNCF Code of Conduct.',
  'CNCF Code of Conduct is cross-linked from other governance documents.',
  'All subprojects, if any, are listed.',
  'Contributor ladder with multiple roles for contributors.',
  'Clearly defined and discoverable process to submit issues or changes.',
  'Project must have, and document, at least one public communications channel for users and/or contributors.',
  'Document the project goals and objectives that illustrate the project’s differentiation in the Cloud Native landscape.',
  'Document what the project does, and why it does it - including viable cloud native use cases.',
  'Document and maintain a public roadmap or other forward looking planning document or tracking mechanism.',
  'Clearly defined release process with a cadence of releases.',
  'Clearly defined and documented security processes, including a vulnerability reporting policy.',
  'Adopters are publicly listed, which may indicate their adoption level (dev/trialing, prod, etc.).',
  'Give a presentation and engage with the domain specific TAG(s) to increase awareness',
  'Additional documentation as appropriate for project type, e.g.: installation documentation, end user documentation, reference implementation and/or code samples.',
];

const OWNERS = ['Acme team', 'Kevin', 'Project maintainers', 'TOC reviewer', 'TAG Security', 'Faseela'];

const WORDS = (
  'the project documents its governance maintainers community contributors release process security policy ' +
  'roadmap adopters evidence repository clearly defined public channel meetings are recorded and the ' +
  'reviewer verified that this criterion is met with links to supporting material in the community ' +
  'repository including charter owners files and contribution guidelines for new contributors'
).split(' ');

const FILES = ['GOVERNANCE.md', 'MAINTAINERS.md', 'CONTRIBUTING.md', 'SECURITY.md', 'ROADMAP.md', 'ADOPTERS.md', 'OWNERS', 'RELEASE.md'];
const REPOS = ['acme/community', 'acme/acme', 'acme/website', 'acme/operator', 'acme/helm-charts'];

export function generateDocument(targetChars: number, seed = 1): string {
  const rnd = prng(seed);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)]!;
  const chance = (p: number): boolean => rnd() < p;
  const sentence = (min: number, max: number): string => {
    const n = min + Math.floor(rnd() * (max - min + 1));
    const w: string[] = [];
    for (let i = 0; i < n; i++) w.push(pick(WORDS));
    const s = w.join(' ');
    return s[0]!.toUpperCase() + s.slice(1) + '.';
  };
  const url = (): string => `https://github.com/${pick(REPOS)}/blob/main/${pick(FILES)}`;
  const link = (): string => {
    const r = rnd();
    if (r < 0.5) return `[${pick(FILES)}](${url()})`;
    if (r < 0.8) return url();
    return `<${url()}>`;
  };

  const out: string[] = [];
  out.push(
    '# Acme Incubation Due Diligence',
    '',
    '- Link to [Incubation application issue](https://github.com/cncf/toc/issues/1367)',
    '',
    '<!-- This template provides the TOC with the outline for completing due diligence of a project to move levels. -->',
    '',
    '## Incubation Evaluation Summary for Acme',
    '',
    '### Criteria Evaluation',
    '',
    '_$TOCMEMBER conducted the due diligence of Acme who applied for $LEVEL. The project [has/has not] completed the criteria that show its maturity at $LEVEL. The following criteria implementations are noteworthy to call out... $NOTABLES._',
    '',
    '### Adoption Evaluation',
    '',
    '_The adopter interviews reflect a project [in use/too early] for the level which the project applied. They show ... $INTERVIEWSUMMARY._',
    '',
    '### Final Assessment',
    '',
    '_[The TOC has found the project to have satisfied the criteria for $LEVEL/ The TOC\'s evaluation of the project shows a needed focus ... $CONDITIONS]._',
    '',
  );
  let size = out.join('\n').length;
  let areaNo = 0;

  const criterion = (): string[] => {
    const lines: string[] = [];
    const checked = chance(0.4);
    lines.push(`- [${checked ? 'x' : ' '}] **${pick(CRITERIA)}**`);
    if (chance(0.15)) lines.push('  - This was completed and occurred on DD-MMM-YYYY, and can be discovered at $LINK.');
    lines.push('');
    lines.push('  <!-- (TOC Evaluation goes here) -->');
    if (chance(0.85)) {
      lines.push(`  ${sentence(8, 20)} See ${link()} for details. ${sentence(5, 14)}`);
      if (chance(0.4)) {
        lines.push('  Refer to the following links:');
        const n = 1 + Math.floor(rnd() * 3);
        // now and then a URL glued to the word before it, as in the seed ("apphttps://…")
        for (let i = 0; i < n; i++) lines.push(chance(0.03) ? `  - ${pick(FILES)} app${url()}` : `  - ${pick(FILES)}: ${link()}`);
      }
    }
    if (chance(0.35)) {
      lines.push('');
      lines.push(`  **TODO for ${pick(OWNERS)}**: ${sentence(5, 12)}`);
    }
    lines.push('');
    return lines;
  };

  while (size < targetChars) {
    areaNo++;
    const lines: string[] = [`## ${pick(AREAS)} ${areaNo}`, ''];
    if (chance(0.3)) lines.push('Note: this section may be augmented by the completion of a Governance Review from TAG Contributor Strategy.', '');
    lines.push('### Suggested', '');
    if (chance(0.15)) lines.push('N/A', '');
    else for (let i = 0, n = 1 + Math.floor(rnd() * 3); i < n; i++) lines.push(...criterion());
    lines.push('### Required', '');
    for (let i = 0, n = 2 + Math.floor(rnd() * 5); i < n; i++) lines.push(...criterion());
    const chunk = lines.join('\n') + '\n';
    out.push(chunk);
    size += chunk.length + 1;
  }
  return out.join('\n');
}

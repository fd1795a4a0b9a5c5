import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { CodeAction, TextEdit } from 'vscode-languageserver-types';
import { noCancellation } from '../../server/src/service/host';
import { applyEdits, createDiligenceService, createEvidenceDiscoverer, EvidenceCache } from '../../server/src/service/index';
import { inert } from '../../server/src/service/evidence/governanceActions';
import { analyseText } from '../../server/src/service/model/index';
import { createEvidenceGitHub } from '../../server/src/web/evidenceGitHub';
import { NOW, useEvidenceEnv } from '../support/evidenceRepos';
import { TOC_HEAD } from '../support/tocRepo';
import { doc, needsShared, SHARED } from '../support/docs';

const GOV = 'Complete a [Governance Review]';
const REVIEW = `https://github.com/cncf/toc/blob/${TOC_HEAD}/projects/kserve/governance-review/2025-04-15.md`;

describe('evidence: the governance review handed on as TODOs and recommendations', function () {
  needsShared();
  this.timeout(30_000);
  const env = useEvidenceEnv();

  /** the current incubation template (read from ../shared at test time) for an invented KServe review */
  const template = (): string => readFileSync(join(SHARED, 'reference', 'cncf-toc', 'template-dd-pr-incubation.md'), 'utf8').replaceAll('$PROJECT', 'KServe');
  function service() {
    const github = createEvidenceGitHub({ apiUrl: env.gh.apiUrl, token: env.gh.token });
    const clock = { now: () => NOW };
    const config = env.config();
    config.repositories = ['kserve/kserve'];
    return createDiligenceService({ config, clock, evidenceDiscoverer: createEvidenceDiscoverer({ github, http: env.http, cache: new EvidenceCache(), clock }) });
  }
  const lineOf = (text: string, needle: string): number => text.split('\n').findIndex((l) => l.includes(needle));
  const edits = (a: CodeAction, uri: string): TextEdit[] => a.edit!.changes![uri]!;

  it('on the Governance Review criterion: the review (dated), its must-fix items as TODOs for the project, its areas for improvement as recommendations', async () => {
    const s = service();
    const text = template();
    const d = doc(text);
    const discovered = await s.evidence.discover(d, { allowNetwork: true }, noCancellation);
    assert.equal(discovered?.toc?.project, 'kserve');
    const line = lineOf(text, GOV);
    assert.ok(line > 0);
    const actions = s.codeActions(d, { start: { line, character: 8 }, end: { line, character: 8 } });
    const fix = actions.find((a) => a.title.startsWith('Add the governance review'));
    assert.equal(fix?.title, 'Add the governance review\'s 2 must-fix items as TODOs for KServe maintainers and 3 recommendations');
    const after = applyEdits(text, edits(fix!, d.uri));
    const added = after.split('\n').filter((l) => !text.split('\n').includes(l) && l.trim() !== '');
    assert.deepEqual(added, [
      `  - Governance Review of 2025-04-15 in cncf/toc: status Mostly Satisfactory, 2 must-fix items, 3 areas for improvement ([cncf/toc](${REVIEW}), as of 2025-06-01) <!-- diligence:evidence toc-governance-review:cncf/toc:projects/kserve/governance-review/2025-04-15.md -->`,
      `  - **TODO for KServe maintainers:** List every maintainer with their employer in MAINTAINERS.md. (must-fix item of the [Governance Review of 2025-04-15](${REVIEW}))`,
      `  - **TODO for KServe maintainers:** Link the code of conduct from the governance document. (must-fix item of the [Governance Review of 2025-04-15](${REVIEW}))`,
      `  - Recommendation (non-blocking, from the [Governance Review of 2025-04-15](${REVIEW})): Document how subproject leads are chosen.`,
      `  - Recommendation (non-blocking, from the [Governance Review of 2025-04-15](${REVIEW})): Add a second organisation to the release team.`,
      `  - Recommendation (non-blocking, from the [Governance Review of 2025-04-15](${REVIEW})): Publish the steering election calendar.`,
    ]);
    // read back: two open TODOs for the project, the criteria unchanged
    const before = analyseText(text);
    const model = analyseText(after);
    const todos = model.todos.filter((t) => t.owner === 'KServe maintainers');
    assert.deepEqual(todos.map((t) => t.text.slice(0, 34)), ['List every maintainer with their e', 'Link the code of conduct from the ']);
    assert.deepEqual(model.criteria.map((c) => c.title), before.criteria.map((c) => c.title));
    // once written, not offered again
    const again = s.codeActions(doc(after, 'file:///test/after.md'), { start: { line, character: 8 }, end: { line, character: 8 } });
    assert.ok(!again.some((a) => a.title.startsWith('Add the governance review')), again.map((a) => a.title).join(' | '));
  });

  it('the TODOs go to the owner the document already uses for the project', async () => {
    const s = service();
    const text = template().replace('## Application Process Principles', '**TODO for KServe Team:** send the adopters list.\n\n## Application Process Principles');
    const d = doc(text);
    await s.evidence.discover(d, { allowNetwork: true }, noCancellation);
    const line = lineOf(text, GOV);
    const fix = s.codeActions(d, { start: { line, character: 8 }, end: { line, character: 8 } }).find((a) => a.title.startsWith('Add the governance review'));
    assert.match(fix?.title ?? '', /as TODOs for KServe Team and/);
  });

  it('the review\'s text is made inert: no link, TODO, placeholder, comment or table cell can come from it', () => {
    assert.equal(inert('See [x](https://e.vil) and **TODO for Me:** $PROJECT <!-- c --> a|b #1 `x` _y_'), 'See \\[x\\](https://e.vil) and \\*\\*TODO for Me:\\*\\* \\$PROJECT \\<\\!-- c --\\> a\\|b \\#1 \\`x\\` \\_y\\_');
    const model = analyseText(`# X\n\n- **TODO for Y:** ${inert('**TODO for Z:** $PROJECT [a](b)')}\n`);
    assert.deepEqual(model.todos.map((t) => t.owner), ['Y']);
    assert.equal(model.placeholders.length, 0);
    assert.equal(model.links.length, 0);
  });
});

/**
 * Reading an application issue: the header fields, the assertions, per criterion the checkbox,
 * the project's own text and its links, aligned by meaning to the current DD template — on every
 * version of the application templates (an unfilled template asserts nothing).
 */
import assert from 'node:assert/strict';
import { parseApplication, parseIssueRef } from '../../server/src/service/application/parse';
import { alignApplication } from '../../server/src/service/application/align';
import { parseTemplate } from '../../server/src/service/template/model';
import { templateReferenceFromText } from '../../server/src/service/template/reference';
import { BUILTIN_PROFILES } from '../../server/src/service/profiles/index';
import { applicationVersions, applicationTemplate, fillApplication, QUARKLE, WIDGETRY } from '../support/applications';
import { skipWithoutToc, versions } from '../support/templates';

const profile = (stage: string) => BUILTIN_PROFILES.find((p) => p.id === `cncf-${stage}`)!;
const ddTemplate = (kind: 'incubation' | 'graduation') => parseTemplate(versions(kind).at(-1)!.text, profile(kind), { source: 'file', path: 'dd.md', ref: '', date: '' });

describe('application issue: reference', () => {
  it('OWNER/REPO#N and issue URLs; anything else is no issue', () => {
    assert.deepEqual(parseIssueRef('cncf/toc#1234'), { owner: 'cncf', repo: 'toc', number: 1234 });
    assert.deepEqual(parseIssueRef(' https://github.com/cncf/toc/issues/77#issuecomment-1 '), { owner: 'cncf', repo: 'toc', number: 77 });
    assert.deepEqual(parseIssueRef('https://ghe.example/api-team/reviews/issues/3'), { owner: 'api-team', repo: 'reviews', number: 3 });
    for (const bad of ['cncf/toc', 'cncf/toc#', '#12', 'cncf/toc#12x', 'https://github.com/cncf/toc/blob/main/x.md', '']) assert.equal(parseIssueRef(bad), undefined, bad);
  });
});

describe('application issue: parse and align', function () {
  before(function () {
    skipWithoutToc(this);
  });

  it('every version of both application templates, unfilled, asserts nothing and aligns to the current DD template', () => {
    for (const kind of ['incubation', 'graduation'] as const) {
      const t = ddTemplate(kind);
      const ref = templateReferenceFromText(t.model!.text);
      for (const v of applicationVersions(kind)) {
        const { title, body } = fillApplication(v.text, { project: 'Nullo', repos: '$URL', site: '$URL', adopters: [], answers: [] });
        const app = parseApplication(body, title, ref);
        const said = app.criteria.filter((c) => c.assertion !== '').map((c) => `${c.title}: ${c.assertion}`);
        assert.deepEqual(said, [], `${kind} ${v.name}`);
        assert.equal(app.project, 'Nullo', v.name);
        assert.equal(app.level, kind === 'incubation' ? 'Incubation' : 'Graduation');
        const a = alignApplication(app, t);
        const paired = a.answers.filter((x) => x.length > 0).length;
        // older versions lack criteria added since; what they have pairs by meaning
        assert.ok(paired >= 40, `${kind} ${v.name}: ${paired} of ${t.criteria.length} paired`);
        assert.ok(a.notInTemplate.length <= 2, `${kind} ${v.name}: ${a.notInTemplate.map((d) => app.criteria[d]!.title).join(' | ')}`);
      }
    }
  });

  it('Quarkle (current template): fields, adoption, per criterion the checkbox, the assertion and its links', () => {
    const t = ddTemplate('incubation');
    const { title, body } = fillApplication(applicationTemplate('incubation'), QUARKLE);
    const app = parseApplication(body, title, templateReferenceFromText(t.model!.text));
    assert.equal(title, '[Incubation] Quarkle Incubation Application');
    assert.deepEqual([app.project, app.level], ['Quarkle', 'Incubation']);
    assert.deepEqual(app.repositories, ['quarkle-dev/quarkle', 'quarkle-dev/community']);
    assert.equal(app.fields.site?.value, 'https://quarkle.example');
    assert.match(app.fields.contacts!.value, /Ines Okafor/);
    assert.deepEqual(app.adoption.adopters, QUARKLE.adopters);
    const by = (re: RegExp) => app.criteria.filter((c) => re.test(c.title));
    const gtr = by(/General Technical Review/)[0]!;
    assert.equal(gtr.checked, true);
    assert.equal(gtr.assertion, QUARKLE.answers[0]!.text);
    assert.deepEqual(gtr.urls, ['https://github.com/quarkle-dev/community/blob/main/reviews/gtr.md']);
    const gov = by(/Clear and discoverable project governance/)[0]!;
    assert.equal(gov.assertion, QUARKLE.answers[3]!.text);
    // ticked with nothing said; unticked and unanswered
    const ladder = by(/Contributor ladder/)[0]!;
    assert.deepEqual([ladder.checked, ladder.assertion], [true, '']);
    const fresh = by(/Demonstrate contributor activity/)[0]!;
    assert.deepEqual([fresh.checked, fresh.assertion], [false, '']);
    // answered twice: both answers pair with the one template criterion
    const submit = by(/process to submit issues or changes/);
    assert.equal(submit.length, 2);
    const a = alignApplication(app, t);
    const ti = t.criteria.findIndex((c) => /process to submit issues or changes/.test(c.title));
    assert.deepEqual(a.answers[ti]!.map((d) => app.criteria[d]!.assertion).sort(), [QUARKLE.answers[6]!.text, QUARKLE.twice![0]!.text].sort());
    assert.deepEqual(a.notInTemplate, []);
  });

  it('Widgetry (2024-02-26 template): reworded criteria pair by meaning; the dropped TAG recommendation is not in the current template', () => {
    const t = ddTemplate('incubation');
    const { title, body } = fillApplication(applicationTemplate('incubation', '2024-02-26-97c7c22c'), WIDGETRY);
    const app = parseApplication(body, title, templateReferenceFromText(t.model!.text));
    const a = alignApplication(app, t);
    const tag = t.criteria.findIndex((c) => /Engage with domain-specific TAG/.test(c.title));
    assert.deepEqual(a.answers[tag]!.map((d) => app.criteria[d]!.assertion), [WIDGETRY.answers[0]!.text]);
    assert.deepEqual(a.notInTemplate.map((d) => app.criteria[d]!.title), ['TAG provides insight/recommendation of the project in the context of the landscape']);
    assert.deepEqual(app.repositories, ['widgetry/widgetry']);
  });
});

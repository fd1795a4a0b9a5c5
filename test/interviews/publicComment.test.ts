/**
 * The public-comment e-mail: the template (our fixture; the TOC's real one when ../shared is
 * there) filled from the document, today + 14 days as the end date, the freeze check around a
 * KubeCon, and the `diligence.kubecons` setting.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { createDiligenceService, resolveConfig } from '../../server/src/service/index';
import { freezeWarnings } from '../../server/src/service/publicComment/draft';
import { DEFAULT_KUBECONS } from '../../server/src/service/publicComment/kubecons';
import { skipWithoutToc, TOC } from '../support/templates';
import { DD, FIXTURES } from './paths';

const TEMPLATE = readFileSync(join(FIXTURES, 'toc', 'operations', 'toc-templates', 'template-dd-public-comment.md'), 'utf8');
const TEST_CON = { name: 'Test Con 2027', start: '2027-03-15', end: '2027-03-18' };

function draftOn(day: string, settings: Record<string, unknown> = {}, text = readFileSync(DD, 'utf8'), template = TEMPLATE) {
  const clock = { now: () => new Date(`${day}T09:00:00Z`), utcOffsetMinutes: () => 0 };
  const s = createDiligenceService({ clock, config: resolveConfig({ reviewer: { name: 'Rhea Vance' }, kubecons: [TEST_CON], ...settings }) });
  return s.draftPublicComment({ uri: pathToFileURL(DD).toString(), version: 1, getText: () => text }, template, {})!;
}

describe('public comment: the e-mail', () => {
  it('the project, levels, links the document gives, the end date 14 days on (DD-MMM-YYYY) and the signature; the rest left and listed', () => {
    const d = draftOn('2026-12-02');
    assert.equal(d.subject, "Public Comment for Quarkle's Incubation application until 16-Dec-2026");
    assert.equal([d.start, d.end].join(' '), '2026-12-02 2026-12-16');
    assert.equal(d.application, 'https://github.com/cncf/toc/issues/1234');
    assert.equal(d.pullRequest, 'https://github.com/cncf/toc/pull/1500');
    assert.match(d.markdown, /^Subject: /);
    assert.doesNotMatch(d.markdown, /Advice for the sponsors/);
    assert.match(d.markdown, /^Myself and \$TOCSPONSOR sponsor Quarkle's move from Sandbox to Incubation\.$/m);
    assert.match(d.markdown, /^Application: https:\/\/github\.com\/cncf\/toc\/issues\/1234$/m);
    assert.match(d.markdown, /^DD PR: https:\/\/github\.com\/cncf\/toc\/pull\/1500$/m);
    assert.match(d.markdown, /until the end of 16-Dec-2026\. /);
    assert.match(d.markdown, /^Rhea Vance$/m);
    assert.deepEqual(d.unfilled, ['$TOCSPONSOR']);
    assert.deepEqual(d.warnings, []);
  });

  it('what the document does not link stays a placeholder; a project name with markdown characters is escaped', () => {
    const text = '# Quark|le$ Graduation Due Diligence\n\n- [ ] **TOC verification of adopters.**\n';
    const d = draftOn('2026-12-02', {}, text);
    assert.match(d.markdown, /^Application: \$LINK$/m);
    assert.match(d.markdown, /^DD PR: \$LINK$/m);
    assert.match(d.markdown, /from Incubation to Graduation/);
    assert.match(d.subject, /^Public Comment for Quark\\\|le\\\$'s Graduation application/);
    assert.deepEqual(d.unfilled, ['$TOCSPONSOR', '$LINK']);
  });

  it('the freeze: a start or an end within four weeks before a KubeCon (or during it) is a warning; after it, none', () => {
    // the freeze of Test Con runs from 2027-02-15 to 2027-03-18
    const at = (day: string) => draftOn(day).warnings.map((w) => w.code + ': ' + w.message);
    assert.deepEqual(at('2027-01-20'), [], 'ends 2027-02-03, before the freeze');
    assert.match(at('2027-02-05')[0]!, /^public-comment-freeze: The public comment period ends on 19-Feb-2027, within four weeks before Test Con 2027 \(15-Mar-2027 – 18-Mar-2027\)/);
    assert.match(at('2027-02-20')[0]!, /starts on 20-Feb-2027/);
    assert.match(at('2027-03-17')[0]!, /starts on 17-Mar-2027/);
    assert.deepEqual(at('2027-03-19'), [], 'the day after the event');
    assert.equal(freezeWarnings('2027-02-01', '2027-04-01', [TEST_CON]).length, 1, 'a period around the whole freeze');
  });

  it('diligence.kubecons extends the short built-in list; bad entries are said, not used', () => {
    const problems: string[] = [];
    const c = resolveConfig({ kubecons: [TEST_CON, { name: 'x', start: '2027-13-01' }, 'nope'] }, problems);
    assert.deepEqual(c.kubecons, [...DEFAULT_KUBECONS, TEST_CON]);
    assert.equal(problems.length, 2);
    assert.deepEqual(resolveConfig({}).kubecons, [...DEFAULT_KUBECONS]);
  });

  it('every known KubeCon past: one note (not one per event) that the freeze check has no dates, pointing at diligence.kubecons; an upcoming one: none', () => {
    // only the built-in list, whose events are all over by 2026-12-02
    const past = draftOn('2026-12-02', { kubecons: [] });
    assert.deepEqual(past.warnings, []);
    assert.equal(past.notes.length, 1);
    assert.match(past.notes[0]!, /^No upcoming KubeCon \+ CloudNativeCon is known \(the last one known, .+, ended on \d\d-[A-Z][a-z]{2}-\d{4}\): the freeze check has no dates to check this period against\. Add the announced dates to the diligence\.kubecons setting/);
    const twoPast = draftOn('2026-12-02', { kubecons: [{ name: 'Old Con', start: '2025-01-10', end: '2025-01-12' }] });
    assert.equal(twoPast.notes.length, 1);
    assert.deepEqual(draftOn('2026-12-02').notes, [], 'Test Con 2027 is still to come');
    assert.deepEqual(draftOn('2027-03-18').notes, [], 'its last day is not past yet');
    assert.equal(draftOn('2027-03-19').notes.length, 1);
  });

  it('the TOC\'s public-comment template (../shared): every placeholder the document supports is filled', function () {
    skipWithoutToc(this);
    const template = readFileSync(join(TOC, 'template-dd-public-comment.md'), 'utf8');
    const d = draftOn('2026-12-02', {}, readFileSync(DD, 'utf8'), template);
    assert.equal(d.subject, "Public Comment for Quarkle's Incubation application until 16-Dec-2026");
    assert.match(d.markdown, /^Application: https:\/\/github\.com\/cncf\/toc\/issues\/1234$/m);
    assert.match(d.markdown, /^DD PR: https:\/\/github\.com\/cncf\/toc\/pull\/1500$/m);
    assert.match(d.markdown, /from Sandbox to Incubation/);
    assert.match(d.markdown, /EOD\) 16-Dec-2026\./);
    assert.deepEqual(d.unfilled, ['$TOCSPONSOR']);
    assert.doesNotMatch(d.markdown, /This template is intended/);
  });
});

import assert from 'node:assert/strict';
import { createDiligenceService, reportOutline, resolveConfig } from '../../server/src/service/index';
import { doc, readSeed, skipWithoutShared, SMALL } from '../support/docs';

const clock = { now: () => new Date('2026-11-22T10:00:00Z'), utcOffsetMinutes: () => 0 };
const service = createDiligenceService({ clock, config: resolveConfig({ reviewer: { name: 'Jane Reviewer' } }) });

describe('document symbols', () => {
  it('document symbols: areas → levels → criteria; no plain headings (issue 19.12)', () => {
    const s = service.documentSymbols(doc(SMALL));
    // VS Code's built-in markdown provider already lists every heading (Go to Symbol showed the
    // summary twice): an area is ours only as the container of criteria, with their tally
    assert.deepEqual(s.map((x) => x.name), ['Governance']);
    const gov = s[0]!;
    assert.equal(gov.detail, '3/5 met');
    assert.deepEqual(gov.children!.map((x) => [x.name, x.detail]), [['Suggested', '1/2 met'], ['Required', '2/3 met']]);
    assert.deepEqual(gov.children![1]!.children!.map((x) => x.detail), ['met', 'met', 'not met']);
  });
  it('on the seed the outline has every criterion', function () {
    skipWithoutShared(this);
    const s = service.documentSymbols(doc(readSeed()));
    const count = s.flatMap((a) => a.children ?? []).flatMap((l) => l.children ?? []).length;
    assert.equal(count, 44);
  });
});

describe('sub-items and missing criteria in the outline', () => {
  const text = `# Acme Graduation Due Diligence

## Governance

### Required

- [x] **Document the governance.** See GOVERNANCE.md.
  - [x] Clear and discoverable
  - [ ] Maintainers listed with
    their affiliations

- [ ] **Publish a roadmap.**
`;

  it('a criterion\'s sub-items are its children in the document symbols', () => {
    const s = service.documentSymbols(doc(text));
    const crit = s[0]!.children![0]!.children![0]!;
    assert.equal(crit.name, 'Document the governance.');
    assert.deepEqual(crit.children!.map((x) => [x.name, x.detail, x.range.start.line, x.selectionRange.start.line]), [
      ['Clear and discoverable', 'met', 7, 7],
      ['Maintainers listed with their affiliations', 'not met', 8, 8],
    ]);
    assert.deepEqual(s[0]!.children![0]!.children![1]!.children, []);
  });

  it('the readiness outline lists the template\'s missing criteria under their area, and the areas the document lacks', () => {
    const d = doc(SMALL);
    const report = service.report(d)!;
    const outline = reportOutline(service.getModel(d)!, report.template);
    const missing = report.template!.missing;
    assert.ok(missing.length > 0);
    // every missing criterion once, under the area of the template it belongs to
    const key = (area: string | null, title: string, level: string | null): string => `${area}|${title}|${level}`;
    assert.deepEqual(outline.areas.flatMap((a) => a.missing.map((m) => key(a.name, m.title, m.level))).sort(), missing.map((m) => key(m.area, m.title, m.level)).sort());
    const gov = outline.areas.find((a) => a.name === 'Governance')!;
    assert.equal(typeof gov.line, 'number');
    assert.deepEqual(gov.missing.map((m) => m.title), missing.filter((m) => m.area === 'Governance').map((m) => m.title));
    const absent = outline.areas.filter((a) => a.line === null);
    assert.ok(absent.length > 0 && absent.every((a) => a.criteria.length === 0 && a.missing.length > 0));
    // without the template: no missing criterion
    assert.ok(reportOutline(service.getModel(d)!).areas.every((a) => a.missing.length === 0));
  });
});

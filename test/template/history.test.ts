/**
 * The template's history (../shared/reference/cncf-toc/template-history, read at test time): the
 * overlays recognise every criterion of every version, the criteria-level diff of each pair of
 * consecutive versions is what a reader sees in the text diff (pinned below), a document made
 * from a version is recognised as started from it, and updating it to the current template
 * keeps every evaluation, TODO and link while a second update changes nothing.
 */
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { analyseText } from '../../server/src/service/model/index';
import type { DiligenceModel } from '../../server/src/service/model/types';
import { BUILTIN_PROFILES } from '../../server/src/service/profiles/builtin';
import { alignDocument } from '../../server/src/service/template/align';
import { diffTemplates } from '../../server/src/service/template/diff';
import { findBasedOn, describeBasedOn } from '../../server/src/service/template/history';
import { parseTemplate, type TemplateModel } from '../../server/src/service/template/model';
import type { TemplateVersion } from '../../server/src/service/template/source';
import { NOT_IN_TEMPLATE_MARK, updateEdits } from '../../server/src/service/template/update';
import { applyEdits } from '../../server/src/service/text/edits';
import { skipWithoutToc, tocAvailable, versions, type Version } from '../support/templates';

type Kind = 'incubation' | 'graduation';
interface Expected { added?: string[]; removed?: string[]; reworded?: string[]; level?: Record<string, string[]> }

/**
 * Read off the text diffs: e.g. 2026-04-16 (dffcced3, "require tech and gov self reviews") adds
 * the GTR and the Governance Review as Required, drops the Suggested Governance Review and the
 * joint security assessment, and rewords the TAG presentation, now Suggested; 2025-07-10 drops
 * the level headings of three areas, 2025-07-14 puts them back.
 */
const EXPECTED: Record<Kind, Record<string, Expected>> = {
  incubation: {
    '2024-02-29-6e58b311': {  },
    '2025-04-07-9db2cfa6': {  },
    '2025-07-10-419afec0': { reworded: ['application.tag-presentation','governance.code-of-conduct'], level: { 'required->none': ['application.tag-presentation','application.tag-recommendation','application.vendor-neutral-resources','application.expectations-acknowledged','application.due-diligence-review','application.additional-documentation','security.reporting-process','security.access-control','security.response-roles','security.self-assessment','security.openssf-passing','ecosystem.adopters-list','ecosystem.adopters-in-use','ecosystem.adopters-verified','ecosystem.integrations'] } },
    '2025-07-14-5bed06f8': { reworded: ['governance.code-of-conduct','engineering.goals','engineering.architecture'], level: { 'none->required': ['application.tag-presentation','application.tag-recommendation','application.vendor-neutral-resources','application.expectations-acknowledged','application.due-diligence-review','application.additional-documentation','security.reporting-process','security.access-control','security.response-roles','security.self-assessment','security.openssf-passing','ecosystem.adopters-list','ecosystem.adopters-in-use','ecosystem.adopters-verified','ecosystem.integrations'] } },
    '2025-08-11-23ba9bce': { removed: ['application.tag-recommendation'] },
    '2025-10-21-4717f40e': { added: ['security.joint-assessment'] },
    '2025-10-21-906418ea': { added: ['governance.governance-review-suggested'] },
    '2025-10-21-a3b3005a': {  },
    '2025-10-21-b3bb4345': {  },
    '2026-04-16-dffcced3': { added: ['application.general-technical-review','application.governance-review'], removed: ['governance.governance-review-suggested','security.joint-assessment'], reworded: ['application.tag-presentation'], level: { 'required->suggested': ['application.tag-presentation'] } },
    '2026-06-09-c1fa6fbb': {  },
    'current': { added: ['governance.governance-review-suggested','security.joint-assessment'] },
  },
  graduation: {
    '2024-02-29-6e58b311': {  },
    '2024-03-07-663f1962': { reworded: ['engineering.release-process'] },
    '2024-03-12-4e569243': {  },
    '2024-11-01-24cb7c61': { level: { 'none->required': ['engineering.goals','engineering.what-and-why','engineering.roadmap','engineering.roadmap-change-process','engineering.architecture','engineering.release-process','engineering.release-history'] } },
    '2025-04-07-9db2cfa6': {  },
    '2025-07-10-419afec0': { reworded: ['application.tag-presentation','governance.code-of-conduct','engineering.goals','engineering.what-and-why','engineering.architecture'], level: { 'required->none': ['application.tag-presentation','application.tag-recommendation','application.vendor-neutral-resources','application.expectations-acknowledged','application.additional-documentation','engineering.goals','engineering.what-and-why','engineering.roadmap','engineering.roadmap-change-process','engineering.architecture','engineering.release-process','engineering.release-history','ecosystem.adopters-list','ecosystem.adopters-in-use','ecosystem.adopters-verified','ecosystem.integrations'] } },
    '2025-07-14-5bed06f8': { reworded: ['governance.code-of-conduct'], level: { 'none->required': ['application.tag-presentation','application.tag-recommendation','application.vendor-neutral-resources','application.expectations-acknowledged','application.additional-documentation','engineering.goals','engineering.what-and-why','engineering.roadmap','engineering.roadmap-change-process','engineering.architecture','engineering.release-process','engineering.release-history','ecosystem.adopters-list','ecosystem.adopters-in-use','ecosystem.adopters-verified','ecosystem.integrations'] } },
    '2025-08-11-31163692': { removed: ['application.tag-recommendation'] },
    '2025-08-19-2d8dd33e': { added: ['application.due-diligence-review'], reworded: ['application.expectations-acknowledged'] },
    '2025-10-21-4717f40e': { added: ['security.joint-assessment'] },
    '2025-10-21-906418ea': { added: ['governance.governance-review-suggested'] },
    '2025-10-21-a3b3005a': {  },
    '2026-04-16-dffcced3': { added: ['application.general-technical-review','application.governance-review'], removed: ['governance.governance-review-suggested','security.joint-assessment'], reworded: ['application.tag-presentation'], level: { 'required->suggested': ['application.tag-presentation'] } },
    '2026-06-09-c1fa6fbb': {  },
    '2026-06-12-8c389b55': {  },
    'current': { added: ['governance.governance-review-suggested','security.joint-assessment'] },
  },
};

const profile = (kind: Kind) => BUILTIN_PROFILES.find((p) => p.id === `cncf-${kind}`)!;
const template = (kind: Kind, v: Version): TemplateModel => parseTemplate(v.text, profile(kind), { source: 'file', path: v.name, ref: v.sha, date: v.date });
const fill = (text: string): string => text.replace(/\$PROJECT/g, 'Acme');

function history(kind: Kind): TemplateVersion[] {
  return versions(kind).map((v) => ({ sha: v.sha, date: v.date, template: template(kind, v) }));
}

/** by the template criterion each document criterion is (else its title): its evaluation, TODOs and links */
function contents(model: DiligenceModel, t: TemplateModel): Map<string, string> {
  const a = alignDocument(model, t);
  const out = new Map<string, string>();
  model.criteria.forEach((c, d) => {
    const key = a.docToTemplate[d]! >= 0 ? t.criteria[a.docToTemplate[d]!]!.id : `title:${c.title}`;
    const todos = c.todos.map((i) => model.todos[i]!.text).join('\n');
    const links = c.evidence.map((i) => model.links[i]!.url).join('\n');
    out.set(key, `${c.evaluation}\n--\n${todos}\n--\n${links}`);
  });
  return out;
}

for (const kind of ['incubation', 'graduation'] as const) {
  describe(`template history: ${kind}`, function () {
    this.timeout(120_000);
    before(function () {
      skipWithoutToc(this);
    });

    it('the overlays recognise every criterion of every version', () => {
      for (const v of versions(kind)) {
        const t = template(kind, v);
        const unknown = t.criteria.filter((c) => !c.overlay).map((c) => c.title);
        assert.deepEqual(unknown, [], v.name);
      }
    });

    it('the criteria-level diff of each pair of consecutive versions is the one pinned', () => {
      const vs = versions(kind);
      const got: Record<string, Expected> = {};
      for (let i = 1; i < vs.length; i++) {
        const d = diffTemplates(template(kind, vs[i - 1]!), template(kind, vs[i]!));
        const e: Expected = {};
        if (d.added.length) e.added = d.added.map((c) => c.id);
        if (d.removed.length) e.removed = d.removed.map((c) => c.id);
        if (d.reworded.length) e.reworded = d.reworded.map((c) => c.id);
        for (const c of d.levelChanged) {
          const k = `${c.before!.level ?? 'none'}->${c.level ?? 'none'}`;
          (e.level ??= {})[k] = [...(e.level[k] ?? []), c.id];
        }
        got[vs[i]!.name] = e;
      }
      assert.deepEqual(got, EXPECTED[kind]);
    });

    it('a document made from a version is recognised as started from it (or one with the same criteria)', () => {
      const h = history(kind);
      h.forEach((v, i) => {
        const b = findBasedOn(analyseText(fill(versions(kind)[i]!.text)), h)!;
        const d = diffTemplates(h[b.index]!.template, v.template);
        assert.deepEqual([d.added, d.removed, d.reworded], [[], [], []], `${v.date} ${v.sha}: found ${b.date} ${b.sha}`);
        assert.ok(b.index <= i, `ties go to the oldest: ${b.date} for ${v.date}`);
        assert.match(describeBasedOn(b), /^started from the template of \d{4}-\d\d-\d\d \([0-9a-f]{8}\)/);
      });
    });

    it('updating a document of any version to the current template gives its criteria; a second update changes nothing', () => {
      const h = history(kind);
      const current = h[h.length - 1]!.template;
      for (const v of versions(kind)) {
        const text = fill(v.text);
        const model = analyseText(text);
        const updated = applyEdits(text, updateEdits(model, alignDocument(model, current)));
        const after = analyseText(updated);
        const a = alignDocument(after, current);
        assert.deepEqual([a.missing, a.reworded, a.levelChanged], [[], [], []], v.name);
        for (const d of a.notInTemplate) assert.ok(updated.slice(after.criteria[d]!.span.start, after.criteria[d]!.span.end).includes(NOT_IN_TEMPLATE_MARK), v.name);
        assert.deepEqual(updateEdits(after, a), [], `${v.name}: second update`);
      }
    });

    it('the update keeps every evaluation, TODO and link byte for byte (random evaluations and TODOs)', () => {
      const vs = versions(kind);
      const h = history(kind);
      const current = h[h.length - 1]!.template;
      const words = fc.stringMatching(/^[A-Za-z][A-Za-z ,]{0,30}[a-z]$/);
      const addition = fc.record({ evaluation: fc.option(words, { nil: undefined }), todo: fc.option(words, { nil: undefined }), link: fc.boolean() });
      fc.assert(fc.property(fc.integer({ min: 0, max: vs.length - 1 }), fc.array(addition, { minLength: 60, maxLength: 60 }), (vi, adds) => {
        const base = fill(vs[vi]!.text);
        const m0 = analyseText(base);
        let text = base;
        for (const c of [...m0.criteria].reverse()) {
          const x = adds[c.index % adds.length]!;
          let block = '';
          if (x.evaluation) block += `\n\n${x.evaluation}.`;
          if (x.link) block += ` See https://github.com/acme/acme/blob/main/F${c.index}.md`;
          if (x.todo) block += `\n\n**TODO for Acme team**: ${x.todo}.`;
          text = text.slice(0, c.span.end) + block + text.slice(c.span.end);
        }
        const model = analyseText(text);
        const updated = applyEdits(text, updateEdits(model, alignDocument(model, current)));
        const after = analyseText(updated);
        const before = contents(model, current);
        const now = contents(after, current);
        for (const [key, value] of before) assert.equal(now.get(key), value, key);
        assert.deepEqual(updateEdits(after, alignDocument(after, current)), []);
      }), { numRuns: 25, seed: 11 });
    });
  });
}

describe('template history: measured', () => {
  it('prints the criteria recognised by the overlays per version', function () {
    if (!tocAvailable()) return this.skip();
    for (const kind of ['incubation', 'graduation'] as const) {
      const line = versions(kind).map((v) => {
        const t = template(kind, v);
        return `${v.name.slice(0, 10)} ${t.criteria.filter((c) => c.overlay).length}/${t.criteria.length}`;
      });
      console.log(`      ${kind}: ${line.join(', ')}`);
    }
  });
});

/**
 * The Adopter Interviews view's items (client/src/interviewTreeModel.ts) built from fake
 * `diligence/interviews` answers: documents by name, each with its interviews (organisation,
 * state, date, days since the request, the approval hint), a message when there is none or the
 * server could not say.
 */
import assert from 'node:assert/strict';
import { interviewTreeNodes } from '../../client/src/interviewTreeModel';
import type { InterviewRow, InterviewTracker } from '../../shared/protocol';

const row = (o: Partial<InterviewRow> & Pick<InterviewRow, 'fileName' | 'state'>): InterviewRow => ({
  uri: `file:///ws/projects/quarkle/${o.fileName}`, organisation: 'Org', anonymous: false, since: null, daysSinceRequest: null, approvalOverdueDays: null, hint: null, ...o,
});

const tracker: InterviewTracker = {
  held: 3, approved: 1, needed: 3,
  rows: [
    row({ fileName: 'q-adopter-interview-acme.md', organisation: 'Acme Corp', state: 'approved', since: '2026-11-20', daysSinceRequest: 40 }),
    row({ fileName: 'q-adopter-interview-anonymous-1.md', organisation: 'an adopter in banking', anonymous: true, state: 'summary-drafted', since: '2026-11-01', daysSinceRequest: 61, approvalOverdueDays: 17, hint: 'the adopter\'s two-week approval window passed 17 days ago: follow up' }),
    row({ fileName: 'q-adopter-interview-borealis.md', organisation: 'Borealis', state: 'held', since: '2026-11-28', daysSinceRequest: 1 }),
    row({ fileName: 'q-adopter-interview-delta.md', organisation: 'Delta [Labs]', state: 'requested', since: '2026-12-01', daysSinceRequest: 1 }),
  ],
};

describe('client: the Adopter Interviews view', () => {
  it('one node per document, its interviews under it: organisation, state and date, days since the request, the overdue hint', () => {
    const [doc, ...rest] = interviewTreeNodes([{ uri: 'file:///ws/projects/quarkle/quarkle-dd.md', tracker }]);
    assert.equal(rest.length, 0);
    assert.equal(doc!.label, 'quarkle-dd.md');
    assert.equal(doc!.description, '3 held of 3 needed · 1 approved · 1 overdue');
    assert.equal(doc!.open, 'file:///ws/projects/quarkle/quarkle-dd.md');
    assert.equal(doc!.icon, 'pass');
    const kids = doc!.children!;
    assert.deepEqual(kids.map((k) => [k.label, k.description, k.icon]), [
      ['Acme Corp', 'approved by the adopter 2026-11-20 · requested 40 days ago', 'pass'],
      ['an adopter in banking', 'summary drafted 2026-11-01 · requested 61 days ago · approval overdue', 'warning'],
      ['Borealis', 'held 2026-11-28 · requested 1 day ago', 'comment-discussion'],
      ['Delta [Labs]', 'requested 2026-12-01 · requested 1 day ago', 'mail'],
    ]);
    assert.equal(kids[0]!.open, tracker.rows[0]!.uri);
    assert.match(kids[1]!.tooltip, /^\*\*an adopter in banking\*\* \(anonymous\)/);
    assert.match(kids[1]!.tooltip, /- the adopter's two-week approval window passed 17 days ago: follow up/);
    assert.match(kids[3]!.tooltip, /\*\*Delta \\\[Labs\\\]\*\*/, 'markdown in a name is escaped');
    // ids are unique across documents of the same folder
    const two = interviewTreeNodes([{ uri: 'file:///ws/projects/quarkle/b.md', tracker }, { uri: 'file:///ws/projects/quarkle/a.md', tracker }]);
    assert.deepEqual(two.map((d) => d.label), ['a.md', 'b.md']);
    const ids = two.flatMap((d) => [d.id, ...d.children!.map((k) => k.id)]);
    assert.equal(new Set(ids).size, ids.length);
  });

  it('under three held the document is not marked done; none beside it, or the server could not say: one message', () => {
    const few = interviewTreeNodes([{ uri: 'file:///ws/x/dd.md', tracker: { ...tracker, held: 2 } }])[0]!;
    assert.equal(few.icon, 'book');
    const none = interviewTreeNodes([{ uri: 'file:///ws/x/dd.md', tracker: { rows: [], held: 0, approved: 0, needed: 3 } }])[0]!;
    assert.equal(none.description, 'no interviews yet');
    assert.deepEqual(none.children!.map((k) => [k.contextValue, k.open]), [['message', undefined]]);
    assert.match(none.children![0]!.label, /New Adopter Interview/);
    const failed = interviewTreeNodes([{ uri: 'file:///ws/x/dd%20one.md', tracker: { error: 'The interviews are not known here: Unhandled method diligence/interviews' } }])[0]!;
    assert.equal(failed.label, 'dd one.md');
    assert.match(failed.children![0]!.label, /Unhandled method/);
  });
});

/** A template of our own, in the shape of the TOC's (not its text). */
export const TEMPLATE = `# $PROJECT Widget Review

## Widget Evaluation Summary for $PROJECT

_$REVIEWER reviewed $PROJECT on DD-MMM-YYYY. The widget [is/is not] ready._

## Craft

Note: this area may be covered by the Craft Audit if one was done.

### Required

- [ ] **Publish a widget manual.** Say where the manual lives.
  - Snapshot at \`widgets/$PROJECT/manual/YYYY-MM-DD.md\` and \`widgets/<project>/notes.md\`.

<!-- (Reviewer finding goes here) -->

- [ ] **Widget review.**

Finishing this widget review document and presenting it for comment meets this criterion.

- [ ] **Adoption of the widget.**

See the Adoption part of this review.
`;

/**
 * fast-check arbitraries: markdown made of the due-diligence template's vocabulary (headings,
 * levels, task items at several depths, bold titles, template comments, links of every syntax,
 * TODOs, placeholders, tables, code fences, HTML, CRLF, tabs, a BOM, emoji and other non-ASCII
 * text, and constructs left unterminated), and arbitrary strings and bytes.
 */
import fc from 'fast-check';

export const VOCABULARY: readonly string[] = [
  // structure
  '# Acme Incubation Due Diligence\n', '# Title\n', '## Governance\n', '## Incubation Evaluation Summary for Acme\n', '### Required\n', '### Suggested\n',
  '#### Deep\n', 'Heading\n===\n', 'Sub\n---\n', '#', '##', '\n', '\n\n', '\r\n', '\r', '\t', '  ', '    ',
  // criteria and lists
  '- [ ] **Crit**\n', '- [x] **Met criterion.**\n', '- [X] ', '* [ ] **Star**', '1. [ ] **Numbered**\n', '  - [ ] sub item\n', '    - [x] **Nested**\n',
  '- plain item\n', '- [ ]', '- [', '[ ]', '[x]', '**', '__', '*', '_', '~~',
  // evaluations, TODOs
  '<!-- (TOC Evaluation goes here) -->', '<!-- (Project assertion goes here) -->', '<!--', '-->', '**Evaluation** (Jane, 01-Jan-2026): good\n',
  '**TODO for Acme team**: add it\n', '**TODO for Marta:** check\n', '~~**TODO for X**: done~~\n', '**DONE for Y**: ok\n', '**TODO for', ' for ',
  // placeholders
  '$TOCMEMBER', '$LEVEL', '$PROJECT', '$UNKNOWN_TOKEN', '$', 'DD-MMM-YYYY', 'YYYY-MM-DD', 'MONTH YEAR', '[has/has not]', '[yes/no]', '[a/b c]', '[/]',
  // links
  '[GOVERNANCE.md](https://github.com/acme/acme/blob/main/GOVERNANCE.md)', '[rel](./docs/a.md#x)', '[frag](#governance)', '[empty]()', '[sp](a b c)',
  '[Sandbox](sandbox.cncf.io)', 'https://example.org/a ', 'apphttps://github.com/a/b', '<https://x.org>', '<mailto:a@b.c>', '[ref]', '[ref][r2]',
  '[ref]: https://example.org/r\n', '[r2]: <https://e.org/x y>\n', '![img](https://x.org/i.png)', '[^1]', '[^1]: note\n', '](', ')', '(', '[', ']',
  // blocks
  '```\n', '```js\n', '~~~\n', '`code`', '`', '> quote ', '|a|b|\n|-|-|\n|1|2|\n', '| x |', '---\n', '***\n', '<div>\n', '</div>\n', '<script>\n', '<!DOCTYPE html>',
  '<?x ?>', '<![CDATA[', ']]>', '<a name="x"></a>', '&amp;', '\\*', '\\',
  // text
  'Text ', 'word', 'N/A', 'Governance is documented. ', 'é', 'ß', '中文', '🚀', '👩‍💻', '\u200b', '\u00a0', '\u2028', '\uFEFF', '\u0000', '\ud800',
];

/** A document: 0–60 pieces of the vocabulary and a little random text. */
export const markdownDoc: fc.Arbitrary<string> = fc
  .array(fc.oneof({ weight: 8, arbitrary: fc.constantFrom(...VOCABULARY) }, { weight: 1, arbitrary: fc.string({ maxLength: 6 }) }, { weight: 1, arbitrary: fc.string({ unit: 'grapheme', maxLength: 4 }) }), { maxLength: 60 })
  .map((parts) => parts.join(''));

/** Anything: random UTF-16 (lone surrogates included), bytes decoded as UTF-8 and as Latin-1. */
export const anyText: fc.Arbitrary<string> = fc.oneof(
  fc.string({ unit: 'binary', maxLength: 200 }),
  fc.string({ unit: fc.integer({ min: 0, max: 0xffff }).map((c) => String.fromCharCode(c)), maxLength: 200 }),
  fc.uint8Array({ maxLength: 300 }).map((b) => Buffer.from(b).toString('utf8')),
  fc.uint8Array({ maxLength: 300 }).map((b) => Buffer.from(b).toString('latin1')),
);

const piece = fc.oneof({ weight: 8, arbitrary: fc.constantFrom(...VOCABULARY) }, { weight: 1, arbitrary: fc.string({ maxLength: 6 }) });

/** A line in the template's shape: indentation, list marker, checkbox, bold title, then pieces. */
const line: fc.Arbitrary<string> = fc
  .tuple(
    fc.constantFrom('', '', '  ', '    ', '\t', '   '),
    fc.constantFrom('', '- ', '- ', '* ', '1. ', '> ', '## ', '### ', '# '),
    fc.constantFrom('', '[ ] ', '[x] ', '[X] ', '[ ]', '[x]  '),
    fc.constantFrom('', '**Criterion one.**', '**Document complete list of maintainers**', '**TODO for Acme team**:', '**TODO for Marta:**', '**', '**Evaluation** (J, 01-Jan-2026):'),
    fc.array(piece, { maxLength: 5 }),
  )
  .map(([indent, marker, box, title, rest]) => indent + marker + box + title + (rest.length ? ' ' + rest.join('') : ''));

/** A document in the template's shape: lines of the above, some blank. */
export const templateDoc: fc.Arbitrary<string> = fc
  .array(fc.oneof({ weight: 4, arbitrary: line }, { weight: 1, arbitrary: fc.constant('') }, { weight: 1, arbitrary: fc.constantFrom('## Governance', '### Required', '### Suggested', '<!-- (TOC Evaluation goes here) -->', '```', '<!--') }), { maxLength: 40 })
  .map((lines) => lines.join('\n'));

/** A document prefixed by a BOM or not, with LF or CRLF line ends. */
export const document: fc.Arbitrary<string> = fc
  .tuple(fc.oneof({ weight: 4, arbitrary: templateDoc }, { weight: 4, arbitrary: markdownDoc }, { weight: 1, arbitrary: anyText }), fc.boolean(), fc.boolean())
  .map(([t, bom, crlf]) => (bom ? '\uFEFF' : '') + (crlf ? t.replace(/\r?\n/g, '\r\n') : t));

/** A position that may lie outside the document (negative, past the end of a line or of the text). */
export const position = fc.record({ line: fc.integer({ min: -2, max: 80 }), character: fc.integer({ min: -2, max: 120 }) });

/**
 * A checklist whose criteria carry what the quick fixes edit (template comments, TODOs,
 * placeholders, checkboxes), each followed directly by a line of another kind: where an edit
 * could change how the next line parses (a lazy continuation, a hard line break, a list that
 * swallows a paragraph).
 */
const follower = fc.tuple(
  fc.constantFrom('', '  ', '    ', '\t'),
  fc.constantFrom('**TODO for Marta**: ask', '**DONE for Acme team**: ok', 'plain text', '- sub item', '- [ ] sub task', '1. first', '> quoted', '| a | b |', '```', '$LEVEL was it', 'DD-MMM-YYYY', '<!-- other -->', '### Suggested', '---', '=== '),
).map(([i, l]) => i + l);
const criterionBlock = fc.tuple(
  fc.constantFrom('- [ ] ', '- [x] ', '* [ ] ', '1. [ ] '),
  fc.constantFrom('**Document the governance.**', '**Clear $PROJECT docs.**'),
  fc.constantFrom('\n', '\n\n'),
  fc.constantFrom('', '  ', '    ', '   '),
  fc.constantFrom('<!-- (TOC Evaluation goes here) -->', '<!-- (Project assertion goes here) -->', '**TODO for Acme team**: add it', 'Filled by $TOCMEMBER on DD-MMM-YYYY', 'See [Sandbox](sandbox.cncf.io)', ''),
  fc.constantFrom('', ' ', '  ', '   '),
  fc.constantFrom('\n', '\n\n'),
  fc.array(follower, { maxLength: 2 }),
).map(([marker, title, gap, indent, body, trailing, eol, rest]) => marker + title + gap + indent + body + trailing + eol + rest.map((r) => r + '\n').join(''));

export const checklistDoc: fc.Arbitrary<string> = fc
  .tuple(fc.array(criterionBlock, { minLength: 1, maxLength: 4 }), fc.boolean())
  .map(([blocks, crlf]) => {
    const t = '# Acme Incubation Due Diligence\n\n## Governance\n\n### Required\n\n' + blocks.join('\n');
    return crlf ? t.replace(/\n/g, '\r\n') : t;
  });

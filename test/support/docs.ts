import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Position } from 'vscode-languageserver-types';
import { LineIndex } from '../../server/src/service/text/lineIndex';
import type { ServiceDocument } from '../../server/src/service/index';

export const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
/** The reference material beside the checkout (CI always has it; a plain clone does not). */
export const SHARED = join(ROOT, '..', 'shared');
export const HAVE_SHARED = existsSync(SHARED);
export const SEED = join(SHARED, 'seeds', 'kserve-incubation-due-diligence.md');
export const EXAMPLE = join(ROOT, 'examples', 'acme-incubation-due-diligence.md');

let version = 1;
export function doc(text: string, uri = 'file:///test/dd.md'): ServiceDocument {
  const v = version++;
  return { uri, version: v, getText: () => text };
}

/** Text with a `|` cursor marker → the text without it and the marker's position. */
export function cursor(marked: string): { text: string; position: Position } {
  const i = marked.indexOf('|');
  if (i < 0) throw new Error('no | cursor marker');
  const text = marked.slice(0, i) + marked.slice(i + 1);
  return { text, position: new LineIndex(text).positionAt(i) };
}

/** The KServe seed; '' without ../shared (the tests that read it are skipped: see needsShared). */
export function readSeed(): string {
  return HAVE_SHARED ? readFileSync(SEED, 'utf8') : '';
}

/**
 * Called first in a describe block whose tests read ../shared: without it, they are skipped and
 * the run says so.
 */
export function needsShared(): void {
  before(function () {
    if (HAVE_SHARED) return;
    console.log(`      skipped "${this.test?.parent?.fullTitle() ?? ''}": it reads ${SHARED}, which is not beside this checkout`);
    this.skip();
  });
}

/** A small document in the seed's shape, used across the tests. */
export const SMALL = `# Acme Incubation Due Diligence

## Incubation Evaluation Summary for Acme

_$TOCMEMBER conducted the due diligence of Acme who applied for $LEVEL. The project [has/has not] completed the criteria on DD-MMM-YYYY._

## Governance

### Suggested

- [x] **Clear and discoverable project governance documentation.**

  <!-- (TOC Evaluation goes here) -->
  Acme documents its governance at [GOVERNANCE.md](https://github.com/acme/acme/blob/main/GOVERNANCE.md).

- [ ] **Governance is up to date with actual project activities.**

  <!-- (TOC Evaluation goes here) -->

### Required

- [x] **Document complete list of current maintainers.**

  <!-- (TOC Evaluation goes here) -->

- [x] **Code and Doc ownership in Github matches documented governance roles.**

<!-- (TOC Evaluation goes here) -->
Ownership is managed with CODEOWNERS: https://github.com/acme/acme/blob/main/CODEOWNERS

**TODO for Acme team:** add CODEOWNERS to the website repository

- [ ] **Document agreement that project will adopt CNCF Code of Conduct.**

  <!-- (TOC Evaluation goes here) -->
  See [Sandbox](sandbox.cncf.io) and the owners apphttps://github.com/acme/web/blob/main/OWNERS

  **TODO for Acme Team**: create a CODE_OF_CONDUCT.md
`;

/** A diagnostic's message as text (LSP 3.18 allows markup there). */
export function msg(d: { message: string | { value: string } }): string {
  return typeof d.message === 'string' ? d.message : d.message.value;
}

/** The same for one test (a `function` test, for `this`). */
export function skipWithoutShared(test: Mocha.Context): void {
  if (HAVE_SHARED) return;
  console.log(`      skipped "${test.test?.fullTitle() ?? ''}": it reads ${SHARED}, which is not beside this checkout`);
  test.skip();
}

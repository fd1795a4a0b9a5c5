/**
 * A document's link state is published consistently while it is edited: a re-check under way
 * keeps the previous run's links-not-checked (and verdicts) until it has its own, rather than
 * dropping it and adding it back at the end (issue 19.9: it flickered in and out while typing).
 */
import assert from 'node:assert/strict';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { noCancellation } from '../../server/src/service/host';
import { LinkCache } from '../../server/src/service/links/cache';
import type { LinkChecker, LinkReport } from '../../server/src/service/links/checker';
import { createDiligenceService } from '../../server/src/service/index';

const text = (extra: string): string => `# Rocket Incubation Due Diligence\n\n## Security\n\n- [x] **Policy**\n\n  Evidence: [policy](https://example.invalid/policy)${extra}\n`;
const offline: LinkReport = { results: new Map(), notChecked: { reason: 'offline', message: 'No network: 1 link was not checked.' } };

describe('links-not-checked while typing', () => {
  it('stays published while the re-check of an edited document is under way, and goes only when that check says so', async () => {
    let release: ((r: LinkReport) => void) | undefined;
    let runs = 0;
    const checker: LinkChecker = {
      cache: new LinkCache(),
      check: () => (++runs === 1 ? Promise.resolve(offline) : new Promise<LinkReport>((resolve) => (release = resolve))),
    };
    const service = createDiligenceService({ linkChecker: checker });
    const uri = 'file:///ws/rocket.md';
    const codes = (d: TextDocument): string[] => service.diagnostics(d).map((x) => String(x.code));

    const v1 = TextDocument.create(uri, 'markdown', 1, text(''));
    await service.checkLinks(v1, { allowNetwork: true }, noCancellation);
    assert.ok(codes(v1).includes('links-not-checked'));

    // a keystroke: the new version is published, and its link check starts
    const v2 = TextDocument.create(uri, 'markdown', 2, text('.'));
    assert.ok(codes(v2).includes('links-not-checked'), 'published with the edit');
    const pending = service.checkLinks(v2, { allowNetwork: true }, noCancellation);
    // verdicts arriving are published meanwhile: the state is still the last one known
    assert.ok(codes(v2).includes('links-not-checked'), 'not dropped while the re-check runs');

    // the re-check reaches the network this time: now it goes
    release!({ results: new Map([['https://example.invalid/policy', { url: 'https://example.invalid/policy', checkedAt: 0, problems: [], fromCache: false }]]) });
    await pending;
    assert.ok(!codes(v2).includes('links-not-checked'));
  });
});

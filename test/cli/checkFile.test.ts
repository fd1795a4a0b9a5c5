import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { checkFile } from '../../server/src/cli/checkFile';
import { nodeFileSystem } from '../../server/src/node/hostAdapters';
import { createDiligenceService, createLinkChecker, noCancellation } from '../../server/src/service/index';
import { EXAMPLE } from '../support/docs';

const offlineChecker = () => createLinkChecker({ http: { request: () => Promise.reject(new Error('offline')) }, files: nodeFileSystem });

describe('CLI: one file of check', () => {
  it('reads one analysis for the template, the link checks and the diagnostics, and lets it go (issue 21)', async () => {
    const text = readFileSync(EXAMPLE, 'utf8');
    const service = createDiligenceService({ oneShot: true });
    service.setLinkChecker(offlineChecker());
    const diagnostics = await checkFile(service, EXAMPLE, text, { allowNetwork: false, offline: true, checkLinks: true });
    assert.equal(service.stats.analyses, 1, 'parsed once, not once per step');
    assert.ok(diagnostics.length > 10, `${diagnostics.length} diagnostics`);

    // the same diagnostics as the per-step analyses of a file read with version -1 (never cached)
    const reference = createDiligenceService();
    reference.setLinkChecker(offlineChecker());
    const doc = { uri: pathToFileURL(EXAMPLE).href, version: -1, getText: () => text };
    await reference.templates.resolve(doc, { allowNetwork: false, history: false }, noCancellation);
    await reference.checkLinks(doc, { allowNetwork: false, offline: true }, noCancellation);
    assert.deepEqual(diagnostics, reference.diagnostics(doc));
    assert.ok(reference.stats.analyses >= 3, `the reference parsed it per step: ${reference.stats.analyses}`);

    // closed: a second check of the same path analyses it again
    await checkFile(service, EXAMPLE, text, { allowNetwork: false, offline: true, checkLinks: true });
    assert.equal(service.stats.analyses, 2);
  });
});

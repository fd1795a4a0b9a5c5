import assert from 'node:assert/strict';
import { CancellationTokenSource } from 'vscode-languageserver';
import { abortSignalOf, withAbortSignal } from '../../server/src/web/cancellation';
import { CancellationSource, noCancellation } from '../../server/src/service/host';

describe('cancellation with events', () => {
  it('a source tells its listeners once, and a listener added afterwards at once', () => {
    const source = new CancellationSource();
    const calls: string[] = [];
    source.token.onCancellationRequested(() => calls.push('a'));
    const b = source.token.onCancellationRequested(() => calls.push('b'));
    b.dispose();
    assert.equal(source.token.isCancellationRequested, false);
    source.cancel();
    source.cancel();
    assert.equal(source.token.isCancellationRequested, true);
    assert.deepEqual(calls, ['a']);
    source.token.onCancellationRequested(() => calls.push('late'));
    assert.deepEqual(calls, ['a', 'late']);
  });

  it('noCancellation never cancels and its listeners can be disposed', () => {
    const d = noCancellation.onCancellationRequested(() => assert.fail('called'));
    d.dispose();
    assert.equal(noCancellation.isCancellationRequested, false);
  });

  it('the AbortSignal bridge follows the core token and the LSP token', async () => {
    const core = new CancellationSource();
    const lsp = new CancellationTokenSource();
    const fromCore = abortSignalOf(core.token);
    const fromLsp = abortSignalOf(lsp.token);
    assert.equal(fromCore.signal.aborted, false);
    core.cancel();
    lsp.cancel();
    assert.equal(fromCore.signal.aborted, true);
    assert.equal(fromLsp.signal.aborted, true);
    assert.equal(abortSignalOf(core.token).signal.aborted, true, 'already cancelled: aborted at once');
  });

  it('withAbortSignal stops listening when the work settles', async () => {
    const source = new CancellationSource();
    let seen: AbortSignal | undefined;
    assert.equal(await withAbortSignal(source.token, async (signal) => ((seen = signal), 42)), 42);
    source.cancel();
    assert.equal(seen?.aborted, false, 'no longer follows the token once done');
    const aborted = withAbortSignal(source.token, (signal) => new Promise((_, reject) => (signal.aborted ? reject(new Error('aborted')) : signal.addEventListener('abort', () => reject(new Error('aborted'))))));
    await assert.rejects(aborted, /aborted/);
  });
});

/**
 * The GitHub token never reaches the trace (issue 20, item 8): a real JSON-RPC connection traces
 * the `diligence/setGitHubToken` notification verbosely, as vscode-languageclient does with
 * `diligence.trace.server: verbose`, into the redacting channel the client gives it.
 */
import assert from 'node:assert/strict';
import { PassThrough } from 'node:stream';
import { createProtocolConnection, StreamMessageReader, StreamMessageWriter, Trace } from 'vscode-languageserver-protocol/node';
import { redactingChannel, rememberSecret } from '../../client/src/redact';

describe('client: the trace of messages to the server', () => {
  it('shows the setGitHubToken notification with its token redacted, in every method of the channel', async () => {
    const written: string[] = [];
    const channel = { appendLine: (s: string) => void written.push(s), append: (s: string) => void written.push(s), trace: (s: string) => void written.push(s), name: 'Diligence' };
    const traced = redactingChannel(channel);
    const up = new PassThrough();
    const down = new PassThrough();
    const client = createProtocolConnection(new StreamMessageReader(down), new StreamMessageWriter(up));
    const server = createProtocolConnection(new StreamMessageReader(up), new StreamMessageWriter(down));
    const received = new Promise<unknown>((resolve) => server.onNotification('diligence/setGitHubToken', resolve));
    server.listen();
    client.listen();
    await client.trace(Trace.Verbose, { log: (message: string, data?: string) => traced.trace(`${message}${data ? `\n${data}` : ''}`) });
    const token = 'gho_SECRETtoken1234567890';
    rememberSecret(token);
    await client.sendNotification('diligence/setGitHubToken', { token });
    assert.deepEqual(await received, { token }, 'the server still gets the token');
    traced.appendLine(`again: ${token}`);
    traced.append(token);
    const all = written.join('\n');
    assert.ok(all.includes('diligence/setGitHubToken'), all);
    assert.ok(all.includes('"token": "***"'), all);
    assert.ok(!all.includes(token), all);
    assert.equal(traced.name, 'Diligence');
    client.dispose();
    server.dispose();
  });
});

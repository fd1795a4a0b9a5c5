import assert from 'node:assert/strict';
import type * as vscode from 'vscode';
import { redactingChannel, rememberSecret } from '../../client/src/redact';
import { traceChannel } from '../../client/src/traceChannel';

// vscode.LogLevel's values (the unit tests run without vscode)
const OFF = 0 as vscode.LogLevel;
const TRACE = 1 as vscode.LogLevel;
const INFO = 3 as vscode.LogLevel;

/** A log output channel at its default level, Info: `.trace()` lines are hidden, plain lines shown. */
function infoChannel(): { channel: vscode.LogOutputChannel; shown: string[] } {
  const shown: string[] = [];
  const hidden = (): void => {};
  const channel = {
    name: 'Diligence', logLevel: INFO, onDidChangeLogLevel: () => ({ dispose() {} }),
    trace: hidden, debug: hidden, info: (m: string) => void shown.push(m), warn: (m: string) => void shown.push(m), error: (m: string) => void shown.push(m),
    append: (m: string) => void shown.push(m), appendLine: (m: string) => void shown.push(m), replace() {}, clear() {}, show() {}, hide() {}, dispose() {},
  } as unknown as vscode.LogOutputChannel;
  return { channel, shown };
}

describe('client: diligence.trace.server is enough to see the trace', () => {
  it('reads as log level Trace when the setting is on, and the traced lines reach a channel at level Info', () => {
    const { channel, shown } = infoChannel();
    let setting = 'verbose';
    let changed: (() => void) | undefined;
    const trace = traceChannel({ output: channel, setting: () => setting, onDidChangeSetting: (l) => ((changed = l), { dispose() {} }), levels: { off: OFF, trace: TRACE } });
    // vscode-languageclient traces only when its trace channel's level is Trace, and writes with .trace()
    assert.equal(trace.logLevel, TRACE);
    trace.trace('[Trace] Sending request \'initialize - (0)\'.');
    assert.deepEqual(shown, ['[Trace] Sending request \'initialize - (0)\'.']);

    const levels: vscode.LogLevel[] = [];
    trace.onDidChangeLogLevel((l) => void levels.push(l));
    setting = 'off';
    changed!();
    assert.deepEqual(levels, [OFF]);
    trace.trace('not shown');
    assert.equal(shown.length, 1);
    setting = 'messages';
    changed!();
    assert.deepEqual(levels, [OFF, TRACE]);
  });

  it('as the client uses it (through the redacting channel), the now-visible trace never carries the GitHub token', () => {
    const { channel, shown } = infoChannel();
    const trace = redactingChannel(traceChannel({ output: channel, setting: () => 'verbose', onDidChangeSetting: () => ({ dispose() {} }), levels: { off: OFF, trace: TRACE } }));
    rememberSecret('ghp_traceTestToken123');
    assert.equal(trace.logLevel, TRACE);
    trace.trace('[Trace] Sending notification \'diligence/setGitHubToken\'.\nParams: {"token":"ghp_traceTestToken123"}');
    assert.equal(shown.length, 1);
    assert.ok(!shown[0]!.includes('ghp_traceTestToken123') && shown[0]!.includes('***'), shown[0]);
  });
});

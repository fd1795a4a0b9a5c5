/**
 * The language client's trace channel: the **Diligence** output channel, seen through a log level
 * that `diligence.trace.server` sets. vscode-languageclient traces only when its trace channel's
 * log level is Trace, and writes with `.trace()`, which a log channel at its default level (Info)
 * hides: `diligence.trace.server: verbose` alone showed nothing. Here the setting is enough: any
 * value but `off` reads as level Trace, and each traced message is written as a plain line.
 *
 * No vscode import at run time (the values it needs come in), so the client unit tests load it.
 */
import type * as vscode from 'vscode';

export interface TraceChannelDeps {
  /** the Diligence output channel */
  output: vscode.LogOutputChannel;
  /** diligence.trace.server now */
  setting(): string | undefined;
  /** fires when diligence.trace.server may have changed */
  onDidChangeSetting(listener: () => void): vscode.Disposable;
  /** vscode.LogLevel.Off and vscode.LogLevel.Trace */
  levels: { off: vscode.LogLevel; trace: vscode.LogLevel };
}

export function traceChannel(deps: TraceChannelDeps): vscode.LogOutputChannel & vscode.Disposable {
  const { output, levels } = deps;
  const level = (): vscode.LogLevel => (deps.setting() && deps.setting() !== 'off' ? levels.trace : levels.off);
  let current = level();
  const listeners = new Set<(l: vscode.LogLevel) => void>();
  const subscription = deps.onDidChangeSetting(() => {
    const next = level();
    if (next === current) return;
    current = next;
    for (const l of [...listeners]) l(next);
  });
  const onDidChangeLogLevel: vscode.Event<vscode.LogLevel> = (listener, thisArgs?: unknown, disposables?: vscode.Disposable[]) => {
    const bound = (l: vscode.LogLevel): void => void listener.call(thisArgs, l);
    listeners.add(bound);
    const d = { dispose: () => void listeners.delete(bound) };
    disposables?.push(d);
    return d;
  };
  const line = (message: string): void => {
    if (current !== levels.off) output.appendLine(message);
  };
  return {
    get name() {
      return output.name;
    },
    get logLevel() {
      return current;
    },
    onDidChangeLogLevel,
    trace: line,
    debug: line,
    info: line,
    warn: line,
    error: (e: string | Error) => line(typeof e === 'string' ? e : e.message),
    append: (v: string) => output.append(v),
    appendLine: (v: string) => output.appendLine(v),
    replace: (v: string) => output.replace(v),
    clear: () => output.clear(),
    show: ((preserveFocus?: boolean) => output.show(preserveFocus)) as vscode.LogOutputChannel['show'],
    hide: () => output.hide(),
    // the output channel is the client's to dispose, not this view's
    dispose: () => {
      subscription.dispose();
      listeners.clear();
    },
  };
}

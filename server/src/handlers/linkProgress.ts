/**
 * Link-check progress as standard LSP work-done progress (`window/workDoneProgress/create`, then
 * `$/progress` begin, report, end), for the clients that support it and do not take Diligence's
 * own `diligence/linkCheckProgress` (Neovim, Helix, Zed…): they show it the way they show any
 * server's progress, with a cancel button where they have one.
 */
import type { Connection, WorkDoneProgressServerReporter } from 'vscode-languageserver';
import type { LinkCheckProgress } from '../../../shared/protocol';

const TITLE = 'Diligence: checking links';

function fileName(uri: string): string {
  const path = uri.split(/[?#]/)[0] ?? uri;
  try {
    return decodeURIComponent(path.slice(path.lastIndexOf('/') + 1));
  } catch {
    return path.slice(path.lastIndexOf('/') + 1);
  }
}

function percentage(p: LinkCheckProgress): number {
  return p.total > 0 ? Math.min(100, Math.round((p.done * 100) / p.total)) : 0;
}

function message(p: LinkCheckProgress): string {
  return `${p.done}/${p.total} link${p.total === 1 ? '' : 's'} · ${fileName(p.uri)}`;
}

/** A sender of one document's progress events as work-done progress; `cancel` is the client's cancel button. */
export function workDoneProgress(connection: Connection, cancel: (uri: string) => void): (p: LinkCheckProgress) => void {
  // per run: the reporter, once the client has accepted the token (events wait for it, in order)
  const runs = new Map<number, Promise<WorkDoneProgressServerReporter | undefined>>();
  return (p) => {
    if (p.state === 'begin') {
      runs.set(p.id, connection.window.createWorkDoneProgress().then((reporter) => {
        reporter.begin(TITLE, percentage(p), message(p), true);
        reporter.token.onCancellationRequested(() => cancel(p.uri));
        return reporter;
      }, () => undefined));
      return;
    }
    const run = runs.get(p.id);
    if (!run) return;
    if (p.state === 'end') runs.delete(p.id);
    void run.then((reporter) => {
      if (!reporter) return;
      if (p.state === 'report') reporter.report(percentage(p), message(p));
      else reporter.done();
    });
  };
}

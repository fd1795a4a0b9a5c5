/**
 * A cancellable progress notification while the server checks a document's evidence links
 * (`diligence/linkCheckProgress`). Cancelling sends `diligence/cancelLinkChecks`; the server
 * stops the pending checks and publishes the document's diagnostics once, complete.
 * Checks answered from the cache end before the notification would appear: it shows only
 * for checks that take a while.
 */
import * as vscode from 'vscode';
import type { BaseLanguageClient as LanguageClient } from 'vscode-languageclient';
import type { LinkCheckProgress } from '../../shared/protocol';
import { CancelLinkChecksNotification } from './protocol';

const SHOW_AFTER_MS = 800;

interface Run {
  id: number;
  uri: string;
  done: number;
  total: number;
  timer: ReturnType<typeof setTimeout> | undefined;
  progress: vscode.Progress<{ message?: string; increment?: number }> | undefined;
  /** percent reported so far */
  reported: number;
  finish: (() => void) | undefined;
  ended: boolean;
}

export class LinkProgress implements vscode.Disposable {
  private readonly runs = new Map<string, Run>();

  constructor(private readonly getClient: () => LanguageClient | undefined) {}

  /** the documents whose checks are running (for the editor tests) */
  get running(): string[] {
    return [...this.runs.keys()];
  }

  on(p: LinkCheckProgress): void {
    let run = this.runs.get(p.uri);
    if (p.state === 'begin' || !run || run.id !== p.id) {
      if (p.state !== 'begin') return;
      if (run) this.end(run);
      run = { id: p.id, uri: p.uri, done: p.done, total: p.total, timer: undefined, progress: undefined, reported: 0, finish: undefined, ended: false };
      const r = run;
      r.timer = setTimeout(() => this.show(r), SHOW_AFTER_MS);
      this.runs.set(p.uri, run);
      return;
    }
    run.done = p.done;
    run.total = p.total;
    if (p.state === 'end') this.end(run);
    else this.report(run);
  }

  private show(run: Run): void {
    run.timer = undefined;
    if (run.ended) return;
    const name = vscode.Uri.parse(run.uri).path.split('/').pop() ?? run.uri;
    void vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title: `Diligence: checking the evidence links of ${name}`, cancellable: true }, (progress, token) => {
      run.progress = progress;
      token.onCancellationRequested(() => {
        if (!run.ended) void this.getClient()?.sendNotification(CancelLinkChecksNotification, { uri: run.uri });
      });
      this.report(run);
      return new Promise<void>((resolve) => {
        run.finish = resolve;
        if (run.ended) resolve();
      });
    });
  }

  private report(run: Run): void {
    if (!run.progress || run.total === 0) return;
    const pct = Math.min(100, Math.floor((run.done / run.total) * 100));
    run.progress.report({ message: `${run.done} of ${run.total}`, increment: pct - run.reported });
    run.reported = pct;
  }

  private end(run: Run): void {
    run.ended = true;
    if (run.timer) clearTimeout(run.timer);
    run.finish?.();
    if (this.runs.get(run.uri) === run) this.runs.delete(run.uri);
  }

  /** the server went away: nothing is running any more */
  clear(): void {
    for (const r of [...this.runs.values()]) this.end(r);
  }

  dispose(): void {
    this.clear();
  }
}

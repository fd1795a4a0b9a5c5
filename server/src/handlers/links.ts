/**
 * Evidence-link checks in the server: local diagnostics are published at once (diagnostics.ts);
 * this runs the network checks after them and re-publishes as verdicts arrive. A check is not
 * restarted by an edit: the next one runs when it ends, and finds the unchanged links cached.
 *
 * The checker, the token and the trust come from the network session (node/networkSession.ts);
 * the client's `diligence/setGitHubToken` and `diligence/setTrusted` go to it. In an untrusted
 * workspace nothing is requested.
 */
import { CancellationTokenSource, type Connection, type TextDocuments } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { CancelLinkChecksNotification, ClearLinkCacheRequest, type LinkCheckProgress, LinkCheckProgressNotification, LinksNotCheckedNotification, type LinksNotCheckedParams, SetGitHubTokenNotification, SetTrustedNotification } from '../../../shared/protocol';
import type { Session } from './session';
import { CancelledError, type DiligenceService, type Logger } from '../service/index';
import { workDoneProgress } from './linkProgress';
import { logFailure } from './requests';

export interface LinkChecksOptions {
  publish: (uri: string) => void;
  logger: Logger;
  /** the client asked for Diligence's notifications (shared/protocol.ts); else they are dropped */
  notifying: () => boolean;
  /** the client supports work-done progress (`window.workDoneProgress`): without Diligence's notifications, progress goes there */
  workDoneProgress?: () => boolean;
  /** the folders a document's relative links may reach (the host's: serverHost.ts) */
  linkRootsFor: (documentUri: string, workspaceFolders: readonly string[]) => Promise<string[]>;
}

export interface LinkChecks {
  /** the workspace folders (file URIs): relative links are checked inside them only */
  setRoots(roots: readonly string[]): void;
  schedule(uri: string): void;
  cancel(uri: string): void;
  dispose(): void;
}

/** verdicts are published (and progress reported) at most every 300 ms */
const PUBLISH_EVERY_MS = 300;

/** The progress of one document's check run, sent to the client as it goes. */
class RunProgress {
  private state: LinkCheckProgress | undefined;
  private timer: ReturnType<typeof setTimeout> | undefined;

  constructor(private readonly uri: string, private readonly id: number, private readonly send: (p: LinkCheckProgress) => void, private readonly publish: () => void) {}

  start(total: number): void {
    this.state = { uri: this.uri, id: this.id, state: 'begin', done: 0, total };
    this.send(this.state);
  }

  report(done: number, total: number): void {
    if (this.state) this.state = { ...this.state, state: 'report', done, total };
    if (this.timer) return;
    this.timer = setTimeout(() => {
      this.timer = undefined;
      this.publish();
      if (this.state?.state === 'report') this.send(this.state);
    }, PUBLISH_EVERY_MS);
  }

  /** no more publishing for this run (the document closed, or the run was cancelled) */
  stop(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
  }

  end(cancelled: boolean): void {
    if (this.state) this.send({ ...this.state, state: 'end', ...(cancelled ? { cancelled: true } : {}) });
    this.state = undefined;
  }
}

class LinkCheckRuns implements LinkChecks {
  private readonly running = new Map<string, { source: CancellationTokenSource; progress?: RunProgress }>();
  private readonly again = new Set<string>();
  /** cancelled from the client's progress notification: published once, complete, when the check stops */
  private readonly userCancelled = new Set<string>();
  private runId = 0;
  private workspaceFolders: readonly string[] = [];

  constructor(private readonly documents: TextDocuments<TextDocument>, private readonly service: DiligenceService, private readonly session: Session, private readonly opts: LinkChecksOptions & { notify: (method: string, params: unknown) => void; progress: (p: LinkCheckProgress) => void }) {}

  setRoots(roots: readonly string[]): void {
    this.workspaceFolders = [...roots];
  }

  schedule(uri: string): void {
    if (this.running.has(uri)) this.again.add(uri);
    else void this.run(uri);
  }

  cancel(uri: string): void {
    const r = this.running.get(uri);
    r?.source.cancel();
    r?.progress?.stop();
    this.again.delete(uri);
  }

  /** the client's cancel button */
  cancelByUser(uri: string): void {
    if (!this.running.has(uri)) return;
    this.userCancelled.add(uri);
    this.cancel(uri);
  }

  scheduleAll(): void {
    for (const d of this.documents.all()) this.schedule(d.uri);
  }

  dispose(): void {
    for (const r of this.running.values()) r.source.cancel();
  }

  private wanted(doc: TextDocument | undefined): doc is TextDocument {
    try {
      return !!doc && this.service.isDiligenceDocument(doc);
    } catch (e) {
      // a throw here would be an unhandled rejection (`void run(…)`), which ends the process
      logFailure(this.opts.logger, `link check of ${doc?.uri}`, e);
      return false;
    }
  }

  private async run(uri: string): Promise<void> {
    const entry: { source: CancellationTokenSource; progress?: RunProgress } = { source: new CancellationTokenSource() };
    this.running.set(uri, entry);
    await this.session.ready();
    const doc = this.documents.get(uri);
    if (!this.wanted(doc) || entry.source.token.isCancellationRequested) {
      this.finish(uri, entry);
      return;
    }
    let cancelled = false;
    try {
      if (await this.check(doc, entry)) {
        this.opts.publish(uri);
        this.session.saveLinksSoon();
      }
    } catch (e) {
      cancelled = e instanceof CancelledError;
      if (!cancelled) logFailure(this.opts.logger, `link check of ${uri}`, e);
      else if (this.userCancelled.delete(uri) && this.documents.get(uri)) this.opts.publish(uri);
    }
    entry.progress?.end(cancelled);
    this.finish(uri, entry);
  }

  private async check(doc: TextDocument, entry: { source: CancellationTokenSource; progress?: RunProgress }): Promise<boolean> {
    const uri = doc.uri;
    const progress = new RunProgress(uri, ++this.runId, this.opts.progress, () => this.opts.publish(uri));
    // relative links reach the workspace folders holding the document (or its repository) only
    const roots = await this.opts.linkRootsFor(uri, this.workspaceFolders);
    return this.service.checkLinks(doc, {
      allowNetwork: this.session.trusted,
      roots,
      onStart: (total) => {
        entry.progress = progress;
        progress.start(total);
      },
      onProgress: (done, total) => progress.report(done, total),
      onNotChecked: (n) => {
        const params: LinksNotCheckedParams = { uri, reason: n.reason, message: n.message, github: n.github === true, authenticated: this.session.token !== undefined };
        if (n.resetAt !== undefined) params.resetAt = n.resetAt;
        this.opts.notify(LinksNotCheckedNotification.method, params);
      },
    }, entry.source.token);
  }

  private finish(uri: string, entry: { source: CancellationTokenSource }): void {
    this.running.delete(uri);
    entry.source.dispose();
    this.userCancelled.delete(uri);
    if (this.again.delete(uri) && this.documents.get(uri)) void this.run(uri);
  }
}

export function registerLinkChecks(connection: Connection, documents: TextDocuments<TextDocument>, service: DiligenceService, session: Session, opts: LinkChecksOptions): LinkChecks {
  const notify = (method: string, params: unknown): void => {
    if (opts.notifying()) void connection.sendNotification(method, params);
  };
  // Diligence's own notification to the clients that ask for it, else standard work-done progress where supported
  const standard = workDoneProgress(connection, (uri) => runs.cancelByUser(uri));
  const progress = (p: LinkCheckProgress): void => {
    if (opts.notifying()) notify(LinkCheckProgressNotification.method, p);
    else if (opts.workDoneProgress?.()) standard(p);
  };
  const runs = new LinkCheckRuns(documents, service, session, { ...opts, notify, progress });
  connection.onNotification(SetGitHubTokenNotification, (p) => session.setEditorToken(p?.token, typeof p?.apiUrl === 'string' ? p.apiUrl : undefined));
  connection.onNotification(SetTrustedNotification, (p) => session.setTrusted(p?.trusted === true));
  connection.onNotification(CancelLinkChecksNotification, (p) => {
    if (typeof p?.uri === 'string') runs.cancelByUser(p.uri);
  });
  // Diligence: Clear Link Cache — the open documents are checked again, asking anew
  connection.onRequest(ClearLinkCacheRequest, async () => {
    const cleared = await session.clearLinkCache();
    opts.logger.info(`link cache cleared (${cleared} verdict${cleared === 1 ? '' : 's'} forgotten); checking the open documents again`);
    runs.scheduleAll();
    return { cleared };
  });
  // a new token or trust: every open document is checked again (the verdicts may differ)
  session.onDidChangeAccess(() => runs.scheduleAll());
  return runs;
}

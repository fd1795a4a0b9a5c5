/**
 * GitHub sign-in through VS Code's own authentication API. The token goes to the server only
 * (`diligence/setGitHubToken`, with the API it is for), never into settings or logs. A sign-in is
 * offered, not forced: when link checking meets GitHub's anonymous rate limit.
 *
 * Least privilege (./githubAccess.ts): link checks and evidence use a session with no scope;
 * opening an issue asks for `public_repo` (or `repo` for a private target) at that moment, and
 * the scope-less session's token is sent back afterwards. A GitHub Enterprise API uses the
 * `github-enterprise` provider, never the github.com session.
 */
import { rememberSecret } from './redact';
import * as vscode from 'vscode';
import type { BaseLanguageClient as LanguageClient } from 'vscode-languageclient';
import type { LinksNotCheckedParams } from '../../shared/protocol';
import { SetGitHubTokenNotification } from './protocol';
import { signInOffer } from './format';
import { type GitHubProvider, githubAccessLine, githubProviderFor, issueScopeReason, issueScopes, READ_SCOPES } from './githubAccess';

export const CONTEXT_SIGNED_IN = 'diligence.signedInToGitHub';
const SIGN_IN = 'Sign in to GitHub';
const READ_DETAIL = 'Diligence checks evidence links and discovers evidence with a GitHub session that has no scope: read-only access to public data, with your account\'s higher rate limit.';

export class GitHubAuth {
  /** no offer again before this time (ms): the user answered for this rate-limit window */
  private quietUntil = 0;
  private offering = false;
  private warned: string | undefined;
  private readonly accessChanged = new vscode.EventEmitter<string>();
  /** the status tooltip's GitHub line (markdown), on every change */
  readonly onDidChangeAccess = this.accessChanged.event;
  private access = '';

  constructor(private readonly getClient: () => LanguageClient | undefined, private readonly output: vscode.LogOutputChannel) {}

  /** what the status tooltip says about GitHub (markdown) */
  get accessLine(): string {
    return this.access;
  }

  /** the provider of the configured API (diligence.github.apiUrl, github-enterprise.uri) */
  provider(): GitHubProvider {
    return githubProviderFor(vscode.workspace.getConfiguration('diligence').get<string>('github.apiUrl'), vscode.workspace.getConfiguration('github-enterprise').get<string>('uri'));
  }

  /** The token of an existing scope-less sign-in, if any (never prompts), to the server. */
  async sendToken(): Promise<void> {
    const p = this.provider();
    let session: vscode.AuthenticationSession | undefined;
    if (p.problem) this.warnOnce(p.problem);
    else {
      try {
        session = await vscode.authentication.getSession(p.id, READ_SCOPES, { silent: true });
      } catch {
        // no such authentication provider (some forks): links are checked anonymously
      }
    }
    await this.deliver(p, session);
  }

  /** Asks VS Code for a scope-less session of the configured API's provider, then sends its token. */
  async signIn(): Promise<boolean> {
    if (!vscode.workspace.isTrusted) {
      void vscode.window.showInformationMessage('Diligence: links are not checked in Restricted Mode, so a GitHub sign-in would change nothing. Trust the workspace first.');
      return false;
    }
    const p = this.provider();
    if (p.problem) {
      void vscode.window.showWarningMessage(`Diligence: ${p.problem}.`);
      return false;
    }
    try {
      const session = await vscode.authentication.getSession(p.id, READ_SCOPES, { createIfNone: { detail: READ_DETAIL } });
      await this.deliver(p, session);
      this.output.info(`signed in to ${p.host} as ${session.account.label} (no scope); link checks use that account`);
      return true;
    } catch (e) {
      this.output.warn(`GitHub sign-in did not complete: ${e instanceof Error ? e.message : String(e)}`);
      return false;
    }
  }

  /**
   * A session that may open an issue in `repo` (`public_repo`, or `repo` for a private target),
   * asked for now with the reason; its token goes to the server until `sendToken` puts the
   * scope-less one back. Undefined when the user declines or no provider serves the API.
   */
  async issueSession(repo: string, privateTarget: boolean): Promise<vscode.AuthenticationSession | undefined> {
    const p = this.provider();
    if (p.problem) {
      void vscode.window.showWarningMessage(`Diligence: ${p.problem}.`);
      return undefined;
    }
    const session = await vscode.authentication.getSession(p.id, issueScopes(privateTarget), { createIfNone: { detail: issueScopeReason(repo, privateTarget, p.host) } }).then((s) => s, () => undefined);
    if (session) await this.deliver(p, session);
    return session;
  }

  /** The server could not check some links; if a GitHub sign-in would help, offer it (once per rate-limit window). */
  async offer(p: LinksNotCheckedParams): Promise<void> {
    const text = signInOffer(p, Date.now(), vscode.workspace.isTrusted);
    if (!text || this.offering || Date.now() < this.quietUntil) return;
    this.offering = true;
    try {
      const answer = await vscode.window.showWarningMessage(text, SIGN_IN, 'Not Now');
      this.quietUntil = Math.max(p.resetAt ?? 0, Date.now() + 10 * 60_000);
      if (answer === SIGN_IN) await this.signIn();
    } finally {
      this.offering = false;
    }
  }

  dispose(): void {
    this.accessChanged.dispose();
  }

  private warnOnce(problem: string): void {
    if (this.warned === problem) return;
    this.warned = problem;
    this.output.warn(problem);
  }

  private async deliver(p: GitHubProvider, session: vscode.AuthenticationSession | undefined): Promise<void> {
    const token = session?.accessToken ?? null;
    void vscode.commands.executeCommand('setContext', CONTEXT_SIGNED_IN, token !== null);
    this.access = githubAccessLine(p, session ? { account: session.account.label, scopes: session.scopes } : undefined);
    this.accessChanged.fire(this.access);
    const client = this.getClient();
    rememberSecret(token);
    if (client?.isRunning()) await client.sendNotification(SetGitHubTokenNotification, { token, apiUrl: p.apiUrl });
  }
}

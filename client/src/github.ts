/**
 * GitHub sign-in through VS Code's own authentication API. The token goes to the server only
 * (`diligence/setGitHubToken`), never into settings or logs. A sign-in is offered, not forced:
 * when link checking meets GitHub's anonymous rate limit.
 */
import { rememberSecret } from './redact';
import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import type { LinksNotCheckedParams } from '../../shared/protocol';
import { SetGitHubTokenNotification } from './protocol';
import { signInOffer } from './format';

export const CONTEXT_SIGNED_IN = 'diligence.signedInToGitHub';
const SCOPES = ['repo'];
const SIGN_IN = 'Sign in to GitHub';

export class GitHubAuth {
  /** no offer again before this time (ms): the user answered for this rate-limit window */
  private quietUntil = 0;
  private offering = false;

  constructor(private readonly getClient: () => LanguageClient | undefined, private readonly output: vscode.LogOutputChannel) {}

  /** The token of an existing sign-in, if any (never prompts), to the server. */
  async sendToken(): Promise<void> {
    let token: string | null = null;
    try {
      const session = await vscode.authentication.getSession('github', SCOPES, { silent: true });
      token = session?.accessToken ?? null;
    } catch {
      // no GitHub authentication provider (some forks): links are checked anonymously
    }
    await this.deliver(token);
  }

  /** Asks VS Code for a GitHub session (the user chooses the account), then sends its token. */
  async signIn(): Promise<boolean> {
    if (!vscode.workspace.isTrusted) {
      void vscode.window.showInformationMessage('Diligence: links are not checked in Restricted Mode, so a GitHub sign-in would change nothing. Trust the workspace first.');
      return false;
    }
    try {
      const session = await vscode.authentication.getSession('github', SCOPES, { createIfNone: true });
      await this.deliver(session.accessToken);
      this.output.info(`signed in to GitHub as ${session.account.label}; link checks use that account`);
      return true;
    } catch (e) {
      this.output.warn(`GitHub sign-in did not complete: ${e instanceof Error ? e.message : String(e)}`);
      return false;
    }
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

  private async deliver(token: string | null): Promise<void> {
    void vscode.commands.executeCommand('setContext', CONTEXT_SIGNED_IN, token !== null);
    const client = this.getClient();
    rememberSecret(token);
    if (client?.isRunning()) await client.sendNotification(SetGitHubTokenNotification, { token });
  }
}

/**
 * The GitHub token must not reach the output channel or its log file: with
 * `diligence.trace.server: verbose` (which a workspace could set before it was a restricted
 * setting) the language client writes every message it sends, the `setGitHubToken`
 * notification's params included. The trace goes through a channel that replaces every secret
 * the client has handed to the server by `***` (test/client/redact.test.ts).
 */
import type { LogOutputChannel } from 'vscode';

const secrets = new Set<string>();

/** A secret about to be sent to the server: from now on it is never written to the trace. */
export function rememberSecret(secret: string | null | undefined): void {
  if (secret) secrets.add(secret);
}

export function redact(text: string): string {
  let out = text;
  for (const s of secrets) out = out.split(s).join('***');
  return out;
}

const TEXT_METHODS = new Set(['append', 'appendLine', 'replace', 'trace', 'debug', 'info', 'warn', 'error']);

/** The channel, with every string written through it redacted. */
export function redactingChannel<T extends Pick<LogOutputChannel, 'appendLine'>>(channel: T): T {
  return new Proxy(channel, {
    get(target, prop, receiver) {
      const value: unknown = Reflect.get(target, prop, receiver);
      if (typeof value !== 'function') return value;
      if (typeof prop === 'string' && TEXT_METHODS.has(prop)) {
        return (...args: unknown[]) => (value as (...a: unknown[]) => unknown).apply(target, args.map((a) => (typeof a === 'string' ? redact(a) : a instanceof Error ? new Error(redact(a.message)) : a)));
      }
      return (value as (...a: unknown[]) => unknown).bind(target);
    },
  });
}

/**
 * What the core needs from the outside world, passed in by the host (LSP server, CLI, tests).
 */

export interface Disposable {
  dispose(): void;
}

/**
 * Shaped like vscode-languageserver's token, so the LSP layer passes its own. A listener added
 * after cancellation may be called at once or a moment later (the LSP token calls it on a timer):
 * look at `isCancellationRequested` first.
 */
export interface CancellationToken {
  readonly isCancellationRequested: boolean;
  readonly onCancellationRequested: (listener: () => void) => Disposable;
}

const nothingToDispose: Disposable = { dispose() {} };

export const noCancellation: CancellationToken = { isCancellationRequested: false, onCancellationRequested: () => nothingToDispose };

/** Makes a token and cancels it (the CLI, tests; the LSP layer has its own). */
export class CancellationSource {
  readonly token: CancellationToken;
  readonly cancel: () => void;

  constructor() {
    let cancelled = false;
    const listeners = new Set<() => void>();
    this.token = {
      get isCancellationRequested() {
        return cancelled;
      },
      onCancellationRequested(listener) {
        if (cancelled) {
          listener();
          return nothingToDispose;
        }
        listeners.add(listener);
        return { dispose: () => void listeners.delete(listener) };
      },
    };
    this.cancel = () => {
      if (cancelled) return;
      cancelled = true;
      const called = [...listeners];
      listeners.clear();
      for (const l of called) l();
    };
  }
}

export class CancelledError extends Error {
  constructor() {
    super('cancelled');
    this.name = 'CancelledError';
  }
}

export function throwIfCancelled(token: CancellationToken | undefined): void {
  if (token?.isCancellationRequested) throw new CancelledError();
}

export interface Clock {
  now(): Date;
  /**
   * The reviewer's offset from UTC in minutes (east positive) at that instant; without it, the
   * process's own time zone (the reviewer's, for the editor's server and the CLI).
   */
  utcOffsetMinutes?(at: Date): number;
}

export const systemClock: Clock = { now: () => new Date() };

export interface Logger {
  debug(message: string): void;
  info(message: string): void;
  warn(message: string): void;
  error(message: string): void;
}

export const silentLogger: Logger = { debug() {}, info() {}, warn() {}, error() {} };

/** Reads files of the workspace (relative links, profiles); undefined when it does not exist. */
export interface FileSystem {
  readFile(uri: string): Promise<string | undefined>;
  exists(uri: string): Promise<boolean>;
  /**
   * A relative link's target, confined: `outside` when its path (or the real path behind its
   * symbolic links) is in none of `roots` (then whether it exists is not told); `special` when it
   * is not a regular file or folder (a device, a FIFO, a dangling link); the text (at most
   * `maxBytes`) when `wantText` and it is a regular file. Hosts without it get a lexical check.
   */
  linkTarget?(uri: string, roots: readonly string[], options: { wantText: boolean; maxBytes: number }): Promise<LinkTarget>;
}

export type LinkTarget =
  | { kind: 'file'; text?: string; truncated?: boolean }
  | { kind: 'directory' | 'missing' | 'outside' | 'special' };

/** Where the host keeps a serialised cache (extension storage folder, CLI --cache-dir). */
export interface CacheStorage {
  load(): Promise<string | undefined>;
  save(data: string): Promise<void>;
}

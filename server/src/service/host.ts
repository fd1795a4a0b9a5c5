/**
 * What the core needs from the outside world, passed in by the host (LSP server, CLI, tests).
 */

export interface CancellationToken {
  readonly isCancellationRequested: boolean;
}

export const noCancellation: CancellationToken = { isCancellationRequested: false };

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
}

/** Where the host keeps a serialised cache (extension storage folder, CLI --cache-dir). */
export interface CacheStorage {
  load(): Promise<string | undefined>;
  save(data: string): Promise<void>;
}

/**
 * The one bridge from the core's cancellation token to Node's AbortSignal: aborted when the
 * token is cancelled (at once if it already is), by event rather than by polling.
 */
import type { CancellationToken, Disposable } from '../service/host';

/** An AbortSignal that follows the token until disposed. */
export function abortSignalOf(token: CancellationToken): { signal: AbortSignal } & Disposable {
  const ac = new AbortController();
  if (token.isCancellationRequested) {
    ac.abort();
    return { signal: ac.signal, dispose() {} };
  }
  const listening = token.onCancellationRequested(() => ac.abort());
  return { signal: ac.signal, dispose: () => listening.dispose() };
}

/** Runs `fn` with a signal aborted when the token is cancelled; stops listening when it settles. */
export async function withAbortSignal<T>(token: CancellationToken, fn: (signal: AbortSignal) => Promise<T>): Promise<T> {
  const bridge = abortSignalOf(token);
  try {
    return await fn(bridge.signal);
  } finally {
    bridge.dispose();
  }
}

/**
 * Records the server's custom notifications for protocol tests and waits for them by event
 * (a predicate over what arrived), never by sleeping.
 */
import type { ProtocolConnection } from 'vscode-languageserver-protocol/node';

export interface NotificationRecorder {
  /** registers the handlers; pass to startServer's hook (before the connection listens) */
  attach(connection: ProtocolConnection): void;
  all<T>(method: string): T[];
  /** the first notification (already received or to come) satisfying the predicate */
  next<T>(method: string, predicate?: (p: T) => boolean, timeoutMs?: number): Promise<T>;
}

export function recordNotifications(methods: string[]): NotificationRecorder {
  const received = new Map<string, unknown[]>(methods.map((m) => [m, []]));
  const waiters: Array<{ method: string; pred: (p: unknown) => boolean; resolve: (p: unknown) => void }> = [];
  return {
    attach(connection) {
      for (const m of methods) {
        connection.onNotification(m, (p: unknown) => {
          received.get(m)!.push(p);
          for (const w of [...waiters]) {
            if (w.method === m && w.pred(p)) {
              waiters.splice(waiters.indexOf(w), 1);
              w.resolve(p);
            }
          }
        });
      }
    },
    all<T>(method: string) {
      return (received.get(method) ?? []) as T[];
    },
    next<T>(method: string, predicate: (p: T) => boolean = () => true, timeoutMs = 15_000) {
      const hit = (received.get(method) ?? []).find((p) => predicate(p as T));
      if (hit !== undefined) return Promise.resolve(hit as T);
      return new Promise<T>((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`no ${method} notification matching within ${timeoutMs} ms; got ${JSON.stringify(received.get(method))}`)), timeoutMs);
        waiters.push({ method, pred: (p) => predicate(p as T), resolve: (p) => { clearTimeout(timer); resolve(p as T); } });
      });
    },
  };
}

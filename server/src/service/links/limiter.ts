/**
 * Bounds the requests in flight, per host and overall, and makes concurrent asks for the same key
 * share one request.
 */

export class Limiter {
  private total = 0;
  private readonly perHost = new Map<string, number>();
  private readonly waiting: { host: string; start: () => void }[] = [];

  constructor(
    private readonly hostLimit: number,
    private readonly totalLimit: number,
  ) {}

  async run<T>(host: string, fn: () => Promise<T>): Promise<T> {
    await this.acquire(host);
    try {
      return await fn();
    } finally {
      this.release(host);
    }
  }

  private canStart(host: string): boolean {
    return this.total < this.totalLimit && (this.perHost.get(host) ?? 0) < this.hostLimit;
  }

  private acquire(host: string): Promise<void> {
    if (this.canStart(host)) {
      this.take(host);
      return Promise.resolve();
    }
    return new Promise((resolve) => this.waiting.push({ host, start: resolve }));
  }

  private take(host: string): void {
    this.total++;
    this.perHost.set(host, (this.perHost.get(host) ?? 0) + 1);
  }

  private release(host: string): void {
    this.total--;
    const n = (this.perHost.get(host) ?? 1) - 1;
    if (n === 0) this.perHost.delete(host);
    else this.perHost.set(host, n);
    // First come, first served among the waiters whose host has room.
    for (let i = 0; i < this.waiting.length && this.total < this.totalLimit; ) {
      const w = this.waiting[i]!;
      if (this.canStart(w.host)) {
        this.waiting.splice(i, 1);
        this.take(w.host);
        w.start();
      } else {
        i++;
      }
    }
  }
}

/** Concurrent calls with the same key share the first call's promise until it settles. */
export class InFlight<T> {
  private readonly pending = new Map<string, Promise<T>>();

  run(key: string, fn: () => Promise<T>): Promise<T> {
    const existing = this.pending.get(key);
    if (existing) return existing;
    const p = fn().finally(() => this.pending.delete(key));
    this.pending.set(key, p);
    return p;
  }
}

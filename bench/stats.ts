/** Timing helpers for the benchmark: samples in milliseconds, medians and nearest-rank percentiles. */
import { performance } from 'node:perf_hooks';

export function percentile(samples: readonly number[], p: number): number {
  if (samples.length === 0) return Number.NaN;
  const sorted = [...samples].sort((a, b) => a - b);
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[Math.min(sorted.length - 1, Math.max(0, rank - 1))]!;
}

export const median = (samples: readonly number[]): number => {
  if (samples.length === 0) return Number.NaN;
  const sorted = [...samples].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
};

const gc = (globalThis as { gc?: () => void }).gc;
export const hasGc = gc !== undefined;

/** A full collection before a sample (when node runs with --expose-gc), so one sample does not pay for the garbage of the previous. */
export function collect(): void {
  gc?.();
}

export interface MeasureOptions {
  warmup: number;
  reps: number;
  /** force a GC before each sample (for operations well above a millisecond) */
  gcBetween?: boolean;
}

/** Runs `fn(i)` warmup + reps times and returns the reps' durations (ms). */
export function measure(fn: (i: number) => unknown, { warmup, reps, gcBetween = false }: MeasureOptions): number[] {
  let sink: unknown;
  for (let i = 0; i < warmup; i++) sink = fn(i);
  const out: number[] = [];
  for (let i = 0; i < reps; i++) {
    if (gcBetween) collect();
    const t0 = performance.now();
    sink = fn(warmup + i);
    out.push(performance.now() - t0);
  }
  keep(sink);
  return out;
}

let kept: unknown;
/** keeps a result alive so the work that produced it cannot be optimised away */
export function keep(x: unknown): void {
  kept = x;
}
export const lastKept = (): unknown => kept;

export function fmtMs(ms: number): string {
  if (!Number.isFinite(ms)) return 'n/a';
  if (ms >= 100) return `${ms.toFixed(0)} ms`;
  if (ms >= 10) return `${ms.toFixed(1)} ms`;
  if (ms >= 1) return `${ms.toFixed(2)} ms`;
  return `${(ms * 1000).toFixed(0)} µs`;
}

export function fmtRatio(x: number): string {
  if (!Number.isFinite(x)) return 'n/a';
  return x >= 10 ? `${x.toFixed(0)}×` : `${x.toFixed(1)}×`;
}

export function fmtBytes(n: number): string {
  if (n >= 1024 * 1024) return `${(n / 1024 / 1024).toFixed(1)} MiB`;
  return `${(n / 1024).toFixed(0)} KiB`;
}

/** A markdown table. */
export function table(header: string[], rows: string[][]): string {
  const lines = [`| ${header.join(' | ')} |`, `|${header.map((_, i) => (i === 0 ? ' --- ' : ' ---: ')).join('|')}|`];
  for (const r of rows) lines.push(`| ${r.join(' | ')} |`);
  return lines.join('\n');
}

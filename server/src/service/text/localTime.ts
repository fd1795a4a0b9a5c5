/**
 * The reviewer's wall clock: "today" and times shown to the reviewer are in their time zone, not
 * UTC (in the evening west of UTC the UTC date is already tomorrow's).
 */
import type { Clock } from '../host';

/** minutes east of UTC at `at`: the clock's, else the process's time zone */
export function utcOffsetOf(clock: Clock | undefined, at: Date): number {
  const off = clock?.utcOffsetMinutes?.(at) ?? -at.getTimezoneOffset();
  return Number.isFinite(off) ? off : 0;
}

/**
 * The reviewer's wall-clock time as a Date whose UTC fields (getUTCDate, getUTCHours…) read as
 * the local calendar date and time; for formatting only, never for arithmetic with real instants.
 */
export function wallTime(clock: Clock, at: Date = clock.now()): Date {
  return new Date(at.getTime() + utcOffsetOf(clock, at) * 60_000);
}

/** "UTC+01:00", "UTC-05:00", "UTC" */
export function offsetLabel(minutes: number): string {
  if (minutes === 0) return 'UTC';
  const a = Math.abs(minutes);
  return `UTC${minutes < 0 ? '-' : '+'}${String(Math.floor(a / 60)).padStart(2, '0')}:${String(a % 60).padStart(2, '0')}`;
}

/** "2026-12-02 14:05 UTC+01:00": an instant in the reviewer's time, with the offset said. */
export function formatLocalTime(ms: number, clock?: Clock): string {
  const at = new Date(ms);
  if (Number.isNaN(at.getTime())) return 'an unknown time';
  const off = utcOffsetOf(clock, at);
  const w = new Date(ms + off * 60_000).toISOString();
  return `${w.slice(0, 10)} ${w.slice(11, 16)} ${offsetLabel(off)}`;
}

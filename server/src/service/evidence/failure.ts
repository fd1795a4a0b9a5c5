/** Why evidence was not discovered, from an API failure. */
import type { ApiFailure } from './types';

export type NotDiscoveredReason = 'offline' | 'untrusted' | 'no-token' | 'rate-limited' | 'failed';

export interface NotDiscovered {
  reason: NotDiscoveredReason;
  message: string;
  resetAt?: number;
}

export function failureOf(f: ApiFailure): NotDiscovered {
  if (f.kind === 'rate-limited') return { reason: 'rate-limited', message: f.message, ...(f.resetAt !== undefined ? { resetAt: f.resetAt } : {}) };
  if (f.kind === 'no-token') return { reason: 'no-token', message: f.message };
  return { reason: 'failed', message: f.message };
}

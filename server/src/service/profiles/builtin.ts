/** The profiles shipped with Diligence (JSON data, bundled). */
import cccGraduation from './data/ccc-graduation.json';
import cccIncubation from './data/ccc-incubation.json';
import cncfGraduation from './data/cncf-graduation.json';
import cncfIncubation from './data/cncf-incubation.json';
import cncfSandbox from './data/cncf-sandbox.json';
import type { Profile } from './types';
import { validateProfiles } from './validate';

function load(): Profile[] {
  const { profiles, problems } = validateProfiles([cncfSandbox, cncfIncubation, cncfGraduation, cccIncubation, cccGraduation], 'built-in profiles');
  // the shipped data is checked by the tests; a slip there must not take the service down
  if (problems.length > 0) throw new Error(`invalid built-in profile: ${problems.join('; ')}`);
  return profiles;
}

export const BUILTIN_PROFILES: readonly Profile[] = load();

/** Built-in profiles with the user's added; a user profile with a built-in's id replaces it. */
export function mergeProfiles(user: readonly Profile[]): Profile[] {
  const ids = new Set(user.map((p) => p.id));
  return [...user, ...BUILTIN_PROFILES.filter((p) => !ids.has(p.id))];
}

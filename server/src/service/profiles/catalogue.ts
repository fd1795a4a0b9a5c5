/**
 * The profiles a service matches documents against (built-in and the user's), and the match of
 * each model, computed once per model (a new version is a new model).
 */
import type { DiligenceModel } from '../model/types';
import { mergeProfiles } from './builtin';
import { matchProfile } from './match';
import type { RepositorySource } from './repositories';
import type { Profile, ProfileMatch } from './types';

export class ProfileCatalogue {
  private profiles: readonly Profile[] = mergeProfiles([]);
  private matches = new WeakMap<DiligenceModel, { match: ProfileMatch | undefined }>();

  /** the user's profiles (from `diligence.profiles`), added to the built-in ones */
  setUserProfiles(user: readonly Profile[]): void {
    this.profiles = mergeProfiles(user);
    this.matches = new WeakMap();
  }

  /** built-in and user profiles */
  all(): readonly Profile[] {
    return this.profiles;
  }

  /** the profile the document follows, its criteria recognised (undefined: none fits) */
  match(model: DiligenceModel): ProfileMatch | undefined {
    const hit = this.matches.get(model);
    if (hit) return hit.match;
    const match = matchProfile(model, this.profiles);
    this.matches.set(model, { match });
    return match;
  }

  /** the title hover's lines on the profile and the repositories */
  titleLines(model: DiligenceModel, r: { repositories: string[]; source: RepositorySource }): string[] {
    const m = this.match(model);
    return [
      `- Profile: ${m ? `${m.profile.name} (${m.criteria.filter(Boolean).length}/${model.criteria.length} criteria recognised)` : 'none recognised'}`,
      `- Repositories: ${r.repositories.length ? r.repositories.map((x) => `\`${x}\``).join(', ') : 'none found'}${r.source === 'document' ? ' (inferred from the document)' : r.source === 'front-matter' ? ' (front matter)' : r.source === 'settings' ? ' (settings)' : ''}`,
    ];
  }
}

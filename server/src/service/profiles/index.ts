/** Template profiles: which criteria a kind of review has, recognised in a document by meaning. */
export { BUILTIN_PROFILES, mergeProfiles } from './builtin';
export { matchProfile, recogniseCriteria, CRITERION_THRESHOLD, PROFILE_THRESHOLD } from './match';
export { inferRepositories, projectRepositories, githubRepoOf, type RepositorySource } from './repositories';
export { validateProfiles, parseProfileFile, loadProfileFiles, DETECTOR_IDS, type ProfileLoadResult } from './validate';
export type * from './types';

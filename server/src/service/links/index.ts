export { createLinkChecker, linksToCheck, compileIgnore, retryWaitMs, type LinkChecker, type LinkCheckerDeps, type CheckOptions, type LinkReport } from './checker';
export { describeLinkResult, linkFindings } from './findings';
export { LinkCache } from './cache';
export { parseGitHubUrl, githubWebHost, pinUrl, parseLineAnchor, type GitHubLink, type GitHubObject } from './githubUrl';
export { classifyAddress, isBlockedAddress, isBlockedHostname, isIpLiteral, type AddressClass } from './ipRanges';
export type * from './types';

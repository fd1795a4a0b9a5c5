/**
 * What link-checker tests share: a configuration that allows the loopback fixtures, and a fake
 * GitHub + HTTP fixture + Node HTTP client started once per `describe` and reset between tests.
 */
import { DEFAULT_CONFIG, type DiligenceConfig } from '../../server/src/service/config';
import { createNodeHttpClient, type NodeHttpClient } from '../../server/src/node/httpClient';
import { startFakeGitHub, type FakeGitHub, type FakeRepo } from './fakeGitHub';
import { startHttpFixture, type HttpFixture } from './httpFixture';

export function linkConfig(apiUrl?: string, over: Partial<DiligenceConfig['links']> = {}): DiligenceConfig {
  const c = structuredClone(DEFAULT_CONFIG);
  c.links = { ...c.links, allowPrivateHosts: true, ...over };
  if (apiUrl !== undefined) c.github.apiUrl = apiUrl;
  // DevStats is a real host: tests that want it point it at a fixture
  c.evidence.devstatsUrl = '';
  return c;
}

export interface LinkEnv {
  readonly gh: FakeGitHub;
  readonly web: HttpFixture;
  readonly http: NodeHttpClient;
}

/** Call inside a `describe`: starts the servers before its tests, resets them before each, stops them after. */
export function useLinkEnv(repos: () => FakeRepo[]): LinkEnv {
  let gh: FakeGitHub | undefined;
  let web: HttpFixture | undefined;
  let http: NodeHttpClient | undefined;
  before(async () => {
    gh = await startFakeGitHub(repos());
    web = await startHttpFixture();
    http = createNodeHttpClient();
  });
  after(async () => {
    http?.close();
    await gh?.close();
    await web?.close();
  });
  beforeEach(() => {
    gh?.restore();
    gh?.reset();
    web?.reset();
  });
  return {
    get gh() { return gh!; },
    get web() { return web!; },
    get http() { return http!; },
  };
}

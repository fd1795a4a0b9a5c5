/**
 * The template sources on Node: the disk (front matter / --template / the workspace), the GitHub
 * API (only when the network is allowed) and the template cache kept in the storage folder /
 * --cache-dir as templates.json.
 */
import type { DiligenceConfig } from '../service/config';
import { TemplateCache, type TemplateSources } from '../service/template/source';
import { openPersistedCache } from './cacheFile';
import { createEvidenceGitHub } from './evidenceGitHub';
import { nodeFileSystem } from './hostAdapters';

export interface NodeTemplateSources {
  sources: TemplateSources;
  /** writes the cache back (no-op without a folder) */
  save(): Promise<void>;
}

export async function openTemplateSources(config: DiligenceConfig, options: { online: boolean; cacheDir?: string | undefined; token?: string | undefined; logger: { warn(m: string): void } }): Promise<NodeTemplateSources> {
  const cache = new TemplateCache();
  const storage = options.cacheDir ? await openPersistedCache(cache, options.cacheDir, 'templates.json', options.logger) : undefined;
  const github = options.online ? createEvidenceGitHub({ apiUrl: config.github.apiUrl, token: options.token }) : undefined;
  return {
    sources: { files: nodeFileSystem, ...(github ? { github } : {}), cache, now: () => Date.now() },
    async save() {
      if (storage) await cache.save(storage).catch((e: unknown) => options.logger.warn(`could not write templates.json: ${String(e)}`));
    },
  };
}

/**
 * The JSON Schemas of the configuration file and of profile files (schemas/, written by
 * `npm run build:schema` from scripts/schema.ts): committed as the script writes them, the
 * diagnostic codes those of ALL_CODES, the keys those a configuration file may hold, registered
 * in package.json and shipped in the .vsix. With ajv (in node_modules through eslint) the
 * built-in profiles and sample configuration files are validated against them.
 */
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { ALL_CODES } from '../../server/src/service/codes';
import { CONFIG_FILE_KEYS, parseJsonc, readConfigFile } from '../../server/src/service/configFile';
import { CONFIG_SCHEMA, configSchema, PROFILE_SCHEMA, profileSchema, ROOT, schemaText } from '../../scripts/schema';

type Json = Record<string, unknown>;
const read = (file: string): Json => JSON.parse(readFileSync(join(ROOT, file), 'utf8')) as Json;

interface Validator { (data: unknown): boolean; errors?: unknown[] | null }
function ajv(): { compile(schema: Json): Validator } | undefined {
  try {
    const Ajv = createRequire(import.meta.url)('ajv') as { default?: new (o: object) => { compile(schema: Json): Validator } } & (new (o: object) => { compile(schema: Json): Validator });
    const Ctor = Ajv.default ?? Ajv;
    return new Ctor({ allErrors: true, strict: false });
  } catch {
    return undefined;
  }
}

describe('JSON Schemas (schemas/)', () => {
  it('are committed as npm run build:schema writes them (run it after adding a code or a setting)', () => {
    assert.equal(readFileSync(join(ROOT, CONFIG_SCHEMA), 'utf8'), schemaText(configSchema()), `${CONFIG_SCHEMA} is stale: npm run build:schema`);
    assert.equal(readFileSync(join(ROOT, PROFILE_SCHEMA), 'utf8'), schemaText(profileSchema()), `${PROFILE_SCHEMA} is stale: npm run build:schema`);
  });

  it('the configuration schema lists every diagnostic code and exactly the keys a configuration file may hold', () => {
    const schema = read(CONFIG_SCHEMA) as { properties: Record<string, { properties?: Record<string, { properties?: Json }> }> };
    assert.deepEqual(Object.keys(schema.properties.diagnostics!.properties!.severity!.properties!).sort(), [...ALL_CODES].sort());
    assert.deepEqual(Object.keys(schema.properties).sort(), Object.keys(CONFIG_FILE_KEYS).sort());
    for (const [key, allowed] of Object.entries(CONFIG_FILE_KEYS)) {
      if (allowed !== true) assert.deepEqual(Object.keys(schema.properties[key]!.properties!).sort(), Object.keys(allowed).sort(), key);
    }
    // never where requests go: a repository must not send the token elsewhere
    for (const k of ['github', 'http', 'openssf', 'reviewer']) assert.equal(schema.properties[k], undefined, k);
  });

  it('are registered with contributes.jsonValidation and shipped by .vscodeignore', () => {
    const pkg = read('package.json') as { contributes: { jsonValidation: Array<{ fileMatch: string[]; url: string }> } };
    const byUrl = new Map(pkg.contributes.jsonValidation.map((v) => [v.url.replace(/^\.\//, ''), v.fileMatch]));
    assert.deepEqual(byUrl.get(CONFIG_SCHEMA), ['.diligence.json', '.diligence.jsonc']);
    assert.ok(byUrl.get(PROFILE_SCHEMA)?.includes('*.diligence-profile.json'));
    for (const url of byUrl.keys()) assert.ok(existsSync(join(ROOT, url)), url);
    assert.ok(readFileSync(join(ROOT, '.vscodeignore'), 'utf8').split('\n').includes('!schemas/*.schema.json'));
  });

  it('validate what the code accepts (the built-in profiles, a configuration file) and refuse what it refuses', function () {
    const validator = ajv();
    if (!validator) {
      console.log('      skipped: ajv is not installed');
      this.skip();
    }
    const profile = validator!.compile(read(PROFILE_SCHEMA));
    const dataDir = join(ROOT, 'server', 'src', 'service', 'profiles', 'data');
    for (const f of readdirSync(dataDir).filter((x) => x.endsWith('.json'))) {
      assert.ok(profile(JSON.parse(readFileSync(join(dataDir, f), 'utf8'))), `${f}: ${JSON.stringify(profile.errors)}`);
    }
    assert.equal(profile({ id: 'Bad Id', name: 'x', foundation: 'x', stage: 'x', detect: {}, areas: [] }), false);

    const config = validator!.compile(read(CONFIG_SCHEMA));
    const text = '{\n  // ours\n  "$schema": "./node_modules/x.json",\n  "diagnostics": { "severity": { "todo": "hint", "link-broken": "error" } },\n  "files": ["projects/*/*-dd.md"],\n  "links": { "ignore": ["https://example.com/*"] },\n  "profiles": "acme.diligence-profile.json",\n  "templates": { "file": "templates/dd.md" },\n}\n';
    const parsed = parseJsonc(text);
    assert.ok('value' in parsed);
    assert.ok(config(parsed.value), JSON.stringify(config.errors));
    assert.deepEqual(readConfigFile(text).problems, []);
    // what the code refuses, the schema refuses too
    for (const bad of [{ github: { apiUrl: 'https://elsewhere' } }, { diagnostics: { severity: { 'no-such-code': 'error' } } }, { diagnostics: { severity: { todo: 'loud' } } }, { links: { allowPrivateHosts: true } }]) {
      assert.equal(config(bad), false, JSON.stringify(bad));
    }
  });
});

/**
 * The JSON Schemas of the configuration file (`.diligence.jsonc`) and of profile files, written
 * from what the code knows: the diagnostic codes (`ALL_CODES`), the keys a configuration file may
 * hold (`CONFIG_FILE_KEYS`), the settings' descriptions in package.json, the detector ids and
 * levels of profiles. `npm run build:schema` writes them to schemas/; test/package/schema.test.ts
 * checks the committed files are what this writes.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ALL_CODES } from '../server/src/service/codes';
import { CONFIG_FILE_KEYS } from '../server/src/service/configFile';
import { DETECTOR_IDS } from '../server/src/service/profiles/validate';

export const ROOT = join(import.meta.dirname, '..');
export const CONFIG_SCHEMA = 'schemas/config.schema.json';
export const PROFILE_SCHEMA = 'schemas/profile.schema.json';

type Json = Record<string, unknown>;

function settingsOfPackage(): Record<string, Json> {
  const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { contributes: { configuration: { properties: Record<string, Json> } } };
  return pkg.contributes.configuration.properties;
}

const SEVERITY = { type: 'string', enum: ['error', 'warning', 'information', 'hint', 'off'] };

/** a setting's schema as package.json has it, without what only VS Code reads */
function fromPackage(settings: Record<string, Json>, name: string): Json {
  const s = settings[`diligence.${name}`];
  if (!s) throw new Error(`package.json has no setting diligence.${name}`);
  const out: Json = {};
  for (const k of ['type', 'items', 'enum', 'default', 'minimum', 'maximum', 'markdownDescription']) if (s[k] !== undefined) out[k] = s[k];
  if (typeof out['markdownDescription'] === 'string') out['description'] = (out['markdownDescription'] as string).replace(/`#?([\w.]+)#?`/g, '$1').replace(/\*\*/g, '');
  return out;
}

/** what differs in a configuration file from the setting's description */
const IN_FILE: Record<string, Json> = {
  'profiles': {
    description: 'Profile JSON file(s) of this repository: the areas, levels and criteria of your review template. Paths are relative to this file and stay inside the workspace (the repository for the CLI).',
    markdownDescription: 'Profile JSON file(s) of this repository: the areas, levels and criteria of your review template. Paths are relative to this file and stay inside the workspace (the repository for the CLI). See the README\'s **Profiles** section.',
  },
  'templates.file': {
    description: 'A template file that documents are held to instead of the canonical template, relative to this file (a template: front-matter key still takes precedence).',
    markdownDescription: 'A template file that documents are held to instead of the canonical template, relative to this file (a `template:` front-matter key still takes precedence).',
  },
};

export function configSchema(): Json {
  const settings = settingsOfPackage();
  const properties: Json = {
    $schema: { type: 'string', description: 'The schema of this file.' },
  };
  for (const [key, allowed] of Object.entries(CONFIG_FILE_KEYS)) {
    if (key === '$schema') continue;
    if (allowed === true) {
      properties[key] = { ...fromPackage(settings, key), ...IN_FILE[key] };
      continue;
    }
    const inner: Json = {};
    for (const k of Object.keys(allowed)) {
      inner[k] = key === 'diagnostics' && k === 'severity'
        ? {
          type: 'object',
          description: 'Severity per diagnostic code, or off to turn a code off (the codes are listed in the README).',
          markdownDescription: 'Severity per diagnostic code (`error`, `warning`, `information`, `hint`) or `off` to turn a code off. The codes are listed in the README.',
          properties: Object.fromEntries(ALL_CODES.map((c) => [c, SEVERITY])),
          additionalProperties: false,
        }
        : { ...fromPackage(settings, `${key}.${k}`), ...IN_FILE[`${key}.${k}`] };
    }
    properties[key] = { type: 'object', properties: inner, additionalProperties: false };
  }
  return {
    $schema: 'http://json-schema.org/draft-07/schema#',
    $id: 'https://github.com/diligence-tools/diligence/schemas/config.schema.json',
    title: 'Diligence configuration file (.diligence.jsonc)',
    description: 'The settings of this repository for Diligence, in the editor and the CLI. The user\'s settings and the command line go over them. Paths are relative to this file.',
    type: 'object',
    properties,
    additionalProperties: false,
  };
}

export function profileSchema(): Json {
  const nonEmpty = { type: 'string', minLength: 1 };
  const criterion = {
    type: 'object',
    required: ['id', 'title', 'level'],
    properties: {
      id: { ...nonEmpty, description: 'A stable id, unique in the profile.' },
      title: { ...nonEmpty, description: 'The criterion as the template words it.' },
      level: { type: 'string', enum: ['required', 'suggested', 'other'], description: 'Required, Suggested or other.' },
      keywords: { type: 'array', items: nonEmpty, description: 'Phrases that recognise the criterion, whatever its wording.' },
      evidence: { type: 'array', items: { type: 'string', enum: [...DETECTOR_IDS] }, description: 'The evidence detectors that serve the criterion.' },
      until: { type: 'string', pattern: '^\\d{4}-\\d{2}-\\d{2}$', description: 'The date the template dropped the criterion (YYYY-MM-DD).' },
    },
  };
  const profile = {
    type: 'object',
    required: ['id', 'name', 'foundation', 'stage', 'detect', 'areas'],
    properties: {
      $schema: { type: 'string' },
      id: { type: 'string', pattern: '^[a-z0-9][a-z0-9._-]*$', description: 'The profile\'s id; the id of a built-in profile replaces it.' },
      name: { ...nonEmpty, description: 'The profile\'s name, as the report shows it.' },
      foundation: { ...nonEmpty, description: 'The foundation (CNCF, CCC, …).' },
      stage: { ...nonEmpty, description: 'The stage applied for (Incubation, Graduation, …).' },
      detect: {
        type: 'object',
        description: 'How a document is recognised as one of this profile.',
        properties: {
          titlePatterns: { type: 'array', items: nonEmpty, description: 'Regular expressions (case-insensitive) matching the document\'s title.' },
          keywords: { type: 'array', items: nonEmpty, description: 'The foundation\'s words.' },
        },
      },
      template: {
        type: 'object',
        required: ['repo', 'path'],
        description: 'Where the review template lives.',
        properties: { repo: { type: 'string', pattern: '^[\\w.-]+/[\\w.-]+$' }, path: nonEmpty, ref: nonEmpty },
      },
      areas: {
        type: 'array',
        minItems: 1,
        items: { type: 'object', required: ['id', 'name', 'criteria'], properties: { id: nonEmpty, name: nonEmpty, criteria: { type: 'array', items: { $ref: '#/definitions/criterion' } } } },
      },
    },
  };
  return {
    $schema: 'http://json-schema.org/draft-07/schema#',
    $id: 'https://github.com/diligence-tools/diligence/schemas/profile.schema.json',
    title: 'Diligence profile file',
    description: 'One profile, a list of profiles, or { "profiles": [...] }: the areas, levels and criteria of a review template (README, Profiles).',
    definitions: { criterion, profile },
    oneOf: [
      { $ref: '#/definitions/profile' },
      { type: 'array', items: { $ref: '#/definitions/profile' } },
      { type: 'object', required: ['profiles'], properties: { $schema: { type: 'string' }, profiles: { type: 'array', items: { $ref: '#/definitions/profile' } } } },
    ],
  };
}

/** the file's text as the build writes it */
export const schemaText = (schema: Json): string => `${JSON.stringify(schema, null, 2)}\n`;

/**
 * `npm run build:schema`: writes schemas/config.schema.json and schemas/profile.schema.json from
 * the code (scripts/schema.ts). Run it after adding a diagnostic code or a setting.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { CONFIG_SCHEMA, configSchema, PROFILE_SCHEMA, profileSchema, ROOT, schemaText } from './schema';

for (const [file, schema] of [[CONFIG_SCHEMA, configSchema()], [PROFILE_SCHEMA, profileSchema()]] as const) {
  mkdirSync(dirname(join(ROOT, file)), { recursive: true });
  writeFileSync(join(ROOT, file), schemaText(schema));
  process.stdout.write(`wrote ${file}\n`);
}

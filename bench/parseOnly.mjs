// The floor the CLI is compared with: remark-parse + remark-gfm over the same files, parse only,
// in a process of its own (module loading included, as the CLI's). Used by bench/cli.ts.
import { readFileSync } from 'node:fs';
import remarkGfm from 'remark-gfm';
import remarkParse from 'remark-parse';
import { unified } from 'unified';

const processor = unified().use(remarkParse).use(remarkGfm);
let nodes = 0;
for (const file of process.argv.slice(2)) nodes += processor.parse(readFileSync(file, 'utf8')).children.length;
process.stdout.write(`${nodes} top-level nodes\n`);

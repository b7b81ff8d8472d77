import fs from 'node:fs';
import { generateSchema, schemaFile } from './schema-source';

// Regenerates src/schema.ts from the current OpenAPI document (see schema-source.ts).
const source = await generateSchema();
fs.writeFileSync(schemaFile, source);
console.log(`wrote ${schemaFile.pathname.split('/').slice(-3).join('/')}`);

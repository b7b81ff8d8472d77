import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { generateSchema, schemaFile } from '../scripts/schema-source';

// The committed types are what the current OpenAPI document generates: a route or schema
// changed without `npm run generate -w packages/client` fails here, not in a customer's build.
describe('@kiana/client types', () => {
  it('equal a fresh generation from the current OpenAPI document', async () => {
    const fresh = await generateSchema();
    const committed = fs.readFileSync(schemaFile, 'utf8');
    // Compare line by line first: a failure names the first differing line, not 1.5 MB.
    const a = committed.split('\n');
    const b = fresh.split('\n');
    const first = a.findIndex((line, i) => line !== b[i]);
    expect(
      first === -1 ? null : { line: first + 1, committed: a[first], fresh: b[first] },
      'run `npm run generate -w packages/client`',
    ).toBeNull();
    expect(a.length).toBe(b.length);
  }, 180_000);
});

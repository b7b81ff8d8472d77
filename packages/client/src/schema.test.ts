import { describe, expect, it } from 'vitest';
import { fetchDocument, generateSchema } from '../scripts/schema-source';

// The types are generated from the current OpenAPI document before every type check
// (`npm run typecheck` runs `npm run generate -w packages/client` first), never committed:
// a 45,000-line generated file would drift and swamp review. This proves the generation
// covers every route the panel serves.
describe('@kiana/client types', () => {
  it('name every path of the current OpenAPI document', async () => {
    const doc = await fetchDocument();
    const source = await generateSchema(doc);
    const paths = Object.keys(doc.paths as Record<string, unknown>);
    expect(paths.length).toBeGreaterThan(50);
    const missing = paths.filter((p) => !source.includes(`  '${p}': {`));
    expect(missing).toEqual([]);
  }, 180_000);
});

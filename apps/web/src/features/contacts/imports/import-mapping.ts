import type { ImportMappingDto } from '@kiana/contracts';

/** What one column of the file becomes: a fixed field, a declared attribute, or nothing. */
export type ColumnRole =
  'ignore' | 'number' | 'name' | 'tags' | 'language' | 'consent' | `attribute:${string}`;

const FIXED = ['number', 'name', 'tags', 'language', 'consent'] as const;

/** The role of each column under a (guessed) mapping. */
export function rolesOf(mapping: Partial<ImportMappingDto>, width: number): ColumnRole[] {
  const roles: ColumnRole[] = Array.from({ length: width }, () => 'ignore');
  for (const field of FIXED) {
    const i = mapping[field];
    if (i !== undefined && i < width) roles[i] = field;
  }
  for (const [key, i] of Object.entries(mapping.attributes ?? {}))
    if (i < width) roles[i] = `attribute:${key}`;
  return roles;
}

/**
 * Gives column `index` a role. A fixed field or an attribute sits in one column only, so the
 * column that held it before goes back to "ignore".
 */
export function assignRole(roles: ColumnRole[], index: number, role: ColumnRole): ColumnRole[] {
  return roles.map((r, i) => (i === index ? role : role !== 'ignore' && r === role ? 'ignore' : r));
}

/** The mapping the server takes, or null while no column holds the number. */
export function mappingOf(roles: readonly ColumnRole[]): ImportMappingDto | null {
  const number = roles.indexOf('number');
  if (number < 0) return null;
  const mapping: ImportMappingDto = { number };
  const attributes: Record<string, number> = {};
  roles.forEach((role, i) => {
    if (role === 'name' || role === 'tags' || role === 'language' || role === 'consent')
      mapping[role] = i;
    else if (role.startsWith('attribute:')) attributes[role.slice('attribute:'.length)] = i;
  });
  if (Object.keys(attributes).length > 0) mapping.attributes = attributes;
  return mapping;
}

import { describe, expect, it } from 'vitest';
import { assignRole, mappingOf, rolesOf } from './import-mapping';

describe('import column mapping', () => {
  it('reads the guessed mapping as one role per column', () => {
    expect(rolesOf({ number: 1, name: 0, attributes: { city: 3 } }, 4)).toEqual([
      'name',
      'number',
      'ignore',
      'attribute:city',
    ]);
  });

  it('moves a field to another column instead of mapping it twice', () => {
    const roles = assignRole(['number', 'name', 'ignore'], 2, 'number');
    expect(roles).toEqual(['ignore', 'name', 'number']);
    expect(assignRole(roles, 1, 'ignore')).toEqual(['ignore', 'ignore', 'number']);
  });

  it('builds the server mapping and refuses one without a number column', () => {
    expect(mappingOf(['tags', 'number', 'attribute:city', 'consent', 'ignore'])).toEqual({
      number: 1,
      tags: 0,
      consent: 3,
      attributes: { city: 2 },
    });
    expect(mappingOf(['name', 'ignore'])).toBeNull();
  });
});

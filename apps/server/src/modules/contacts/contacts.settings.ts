import { z } from 'zod';
import { contactAttributeDefSchema, type ContactAttributeDef } from '@kiana/contracts';
import { defineSetting } from '../../platform/settings/settings';

export { defaultCountrySetting } from './contacts.phone';

/**
 * The custom attributes contacts may carry (key, label, type). Values are validated
 * against their declared type on every write; an attribute removed here keeps its stored
 * values but is no longer editable or filterable.
 */
export const attributeDefsSetting = defineSetting<ContactAttributeDef[]>({
  key: 'contacts.attributes',
  schema: z
    .array(contactAttributeDefSchema)
    .max(100)
    .refine((defs) => new Set(defs.map((d) => d.key)).size === defs.length, 'Keys must be unique'),
  defaultValue: () => [],
});

import type { SystemTables } from './system.tables';
import type { AccountsTables } from '../modules/accounts/accounts.tables';
import type { TemplatesTables } from '../modules/templates/templates.tables';

/**
 * The whole schema as Kysely sees it: each module declares its own tables in
 * `<module>.tables.ts` and they are joined here. Columns are camelCase in code and
 * snake_case in the database (CamelCasePlugin). Timestamps are epoch milliseconds.
 */
export interface Database
  extends SystemTables,
    AccountsTables,
    TemplatesTables {}

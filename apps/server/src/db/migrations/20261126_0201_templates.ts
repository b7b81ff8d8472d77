import type { Kysely } from 'kysely';

// Message templates mirrored from Meta (one row per name + language) and their history
// of status, quality and category changes.
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('wa_templates')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('account_id', 'text', (c) =>
      c.notNull().references('wa_accounts.id').onDelete('cascade'),
    )
    .addColumn('meta_id', 'text')
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('language', 'text', (c) => c.notNull())
    .addColumn('category', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('parameter_format', 'text', (c) => c.notNull())
    .addColumn('components', 'text', (c) => c.notNull())
    .addColumn('rejected_reason', 'text')
    .addColumn('quality_score', 'text')
    .addColumn('previous_category', 'text')
    .addColumn('synced_at', 'bigint')
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('updated_at', 'bigint', (c) => c.notNull())
    .addUniqueConstraint('wa_templates_name_language_uq', ['account_id', 'name', 'language'])
    .execute();
  await db.schema
    .createIndex('wa_templates_meta_id_idx')
    .on('wa_templates')
    .column('meta_id')
    .execute();

  await db.schema
    .createTable('wa_template_events')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('template_id', 'text', (c) =>
      c.notNull().references('wa_templates.id').onDelete('cascade'),
    )
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('previous_value', 'text')
    .addColumn('new_value', 'text')
    .addColumn('reason', 'text')
    .addColumn('source', 'text', (c) => c.notNull())
    .addColumn('at', 'bigint', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('wa_template_events_template_idx')
    .on('wa_template_events')
    .columns(['template_id', 'at'])
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('wa_template_events').execute();
  await db.schema.dropTable('wa_templates').execute();
}

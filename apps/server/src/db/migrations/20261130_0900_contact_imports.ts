import type { Kysely } from 'kysely';

/** Contact imports (uploads, runs with their checkpoint, rejected rows) and exports. */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('contact_uploads')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('file_key', 'text', (c) => c.notNull())
    .addColumn('format', 'text', (c) => c.notNull())
    .addColumn('size', 'bigint', (c) => c.notNull())
    .addColumn('file_name', 'text')
    .addColumn('created_by', 'text')
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .execute();
  await db.schema
    .createTable('contact_imports')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('upload_id', 'text', (c) => c.notNull())
    .addColumn('options', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('rows_done', 'bigint', (c) => c.notNull().defaultTo(0))
    .addColumn('bytes_done', 'bigint', (c) => c.notNull().defaultTo(0))
    .addColumn('bytes_total', 'bigint', (c) => c.notNull().defaultTo(0))
    .addColumn('created', 'bigint', (c) => c.notNull().defaultTo(0))
    .addColumn('updated', 'bigint', (c) => c.notNull().defaultTo(0))
    .addColumn('unchanged', 'bigint', (c) => c.notNull().defaultTo(0))
    .addColumn('invalid', 'bigint', (c) => c.notNull().defaultTo(0))
    .addColumn('duplicate', 'bigint', (c) => c.notNull().defaultTo(0))
    .addColumn('error', 'text')
    .addColumn('rejected_key', 'text')
    .addColumn('created_by', 'text')
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('updated_at', 'bigint', (c) => c.notNull())
    .addColumn('finished_at', 'bigint')
    .execute();
  await db.schema
    .createIndex('contact_imports_created_at_idx')
    .on('contact_imports')
    .column('created_at')
    .execute();
  await db.schema
    .createTable('contact_import_rejects')
    .addColumn('import_id', 'text', (c) => c.notNull())
    .addColumn('row_number', 'bigint', (c) => c.notNull())
    .addColumn('value', 'text', (c) => c.notNull())
    .addColumn('reason', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('contact_import_rejects_pk', ['import_id', 'row_number'])
    .execute();
  await db.schema
    .createTable('contact_import_seen')
    .addColumn('import_id', 'text', (c) => c.notNull())
    .addColumn('phone_e164', 'text', (c) => c.notNull())
    .addColumn('row_number', 'bigint', (c) => c.notNull())
    .addPrimaryKeyConstraint('contact_import_seen_pk', ['import_id', 'phone_e164'])
    .execute();
  await db.schema
    .createTable('contact_exports')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('filter', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('row_count', 'bigint', (c) => c.notNull().defaultTo(0))
    .addColumn('file_key', 'text')
    .addColumn('error', 'text')
    .addColumn('created_by', 'text')
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('updated_at', 'bigint', (c) => c.notNull())
    .addColumn('finished_at', 'bigint')
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const t of [
    'contact_exports',
    'contact_import_seen',
    'contact_import_rejects',
    'contact_imports',
    'contact_uploads',
  ])
    await db.schema.dropTable(t).execute();
}

import fs from 'node:fs';
import path from 'node:path';
import SQLite from 'better-sqlite3';

/**
 * Copies a live SQLite database to `target` with SQLite's online backup API: consistent
 * while the panel keeps writing (pages changed during the copy are copied again), and the
 * WAL's committed content is included. The target must not exist yet.
 */
export async function backupSqlite(source: string, target: string): Promise<{ bytes: number }> {
  const to = path.resolve(target);
  if (fs.existsSync(to)) throw new Error(`${to} already exists; choose a new file name`);
  fs.mkdirSync(path.dirname(to), { recursive: true });
  const db = new SQLite(source, { readonly: true, fileMustExist: true });
  try {
    await db.backup(to);
  } finally {
    db.close();
  }
  return { bytes: fs.statSync(to).size };
}

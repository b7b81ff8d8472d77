import type { z } from 'zod';
import { inTransaction, type Executor } from '../../db/executor';
import type { EventBus } from '../../events/bus';
import { createInvalidations } from '../../events/invalidations';
import type { Clock } from '../clock';
import { registerSecretColumn, type Secrets } from '../../crypto/secrets';
import { findSettingRow, upsertSettingRow, type SettingRow } from './settings.repo';

registerSecretColumn({ table: 'settings', idColumn: 'key', column: 'secret_value' });

/** One setting: its key, the zod schema of its value and the value when never saved. */
export interface SettingDef<T> {
  key: string;
  schema: z.ZodType<T>;
  defaultValue: () => T;
  /** Sealed at rest and write-only through the API: only `{ isSet, hint }` is ever shown. */
  secret?: boolean;
}

/** A value and when it was saved (null while it is the default). */
export interface SettingValue<T> {
  value: T;
  updatedAt: number | null;
}

const registry = new Map<string, SettingDef<unknown>>();

/**
 * Declares a setting; modules call it at import time, next to the code that reads it. A key
 * is declared once: a second, different declaration is a programming error.
 */
export function defineSetting<T>(def: SettingDef<T>): SettingDef<T> {
  const known = registry.get(def.key);
  if (known !== undefined && known !== def) throw new Error(`Setting ${def.key} is declared twice`);
  registry.set(def.key, def as SettingDef<unknown>);
  return def;
}

/** Every declared setting (for listings and tests). */
export function registeredSettings(): readonly SettingDef<unknown>[] {
  return [...registry.values()];
}

/** The typed settings store every module uses; see docs/CONVENTIONS.md. */
export interface SettingsStore {
  /** The value (validated; a missing or no longer valid stored value gives the default). */
  get<T>(ex: Executor, def: SettingDef<T>): Promise<SettingValue<T>>;
  /**
   * Saves a value on `ex`. On a transaction, the caller calls `changed(key)` after its
   * commit, or uses `update`, which does both.
   */
  set<T>(ex: Executor, def: SettingDef<T>, value: T): Promise<void>;
  /** Saves only when the key was never saved; false when it was (the value is kept). */
  setIfAbsent<T>(ex: Executor, def: SettingDef<T>, value: T): Promise<boolean>;
  /**
   * Saves in one transaction with `alongside` (the audit record of the change), then tells
   * every process that the key changed.
   */
  update<T>(
    def: SettingDef<T>,
    value: T,
    alongside?: (tx: Executor) => Promise<void>,
  ): Promise<void>;
  /** What the API may show of a secret setting. */
  describeSecret(
    ex: Executor,
    def: SettingDef<string>,
  ): Promise<{ isSet: boolean; hint: string | null }>;
  /** Announces that a key changed (after the commit that changed it). */
  changed(key: string): void;
}

/**
 * Creates the store over the database. Reads outside a transaction are cached per process;
 * a `settings` cache invalidation naming the key (the key only: a value, perhaps a secret,
 * never rides the bus; relayed between processes) drops it from every process's cache.
 */
export function createSettingsStore(deps: {
  db: Executor;
  bus: EventBus;
  clock: Clock;
  secrets: Secrets;
}): SettingsStore {
  const cache = new Map<string, SettingValue<unknown>>();
  const invalidations = createInvalidations(deps.bus);
  invalidations.on('settings', (key) => {
    if (key === null) cache.clear();
    else cache.delete(key);
  });
  const where = (key: string) => ({ table: 'settings', column: 'secret_value', id: key });

  function decode<T>(def: SettingDef<T>, row: SettingRow | undefined): SettingValue<T> {
    if (row === undefined) return { value: def.defaultValue(), updatedAt: null };
    try {
      const raw: unknown =
        def.secret === true && row.secretValue !== null
          ? JSON.parse(deps.secrets.open(row.secretValue, where(def.key)))
          : JSON.parse(row.value);
      const parsed = def.schema.safeParse(raw);
      if (parsed.success) return { value: parsed.data, updatedAt: Number(row.updatedAt) };
    } catch {
      // Unreadable JSON falls back to the default, like a value an older version wrote.
    }
    return { value: def.defaultValue(), updatedAt: Number(row.updatedAt) };
  }

  function encode<T>(def: SettingDef<T>, value: T): SettingRow {
    const json = JSON.stringify(def.schema.parse(value));
    const updatedAt = deps.clock.now();
    return def.secret === true
      ? { value: 'null', secretValue: deps.secrets.seal(json, where(def.key)), updatedAt }
      : { value: json, secretValue: null, updatedAt };
  }

  async function read<T>(ex: Executor, def: SettingDef<T>): Promise<SettingValue<T>> {
    defineSetting(def);
    // Inside a transaction the caller must see its own uncommitted writes: no cache.
    if (ex.isTransaction) return decode(def, await findSettingRow(ex, def.key));
    const hit = cache.get(def.key) as SettingValue<T> | undefined;
    if (hit !== undefined) return hit;
    const value = decode(def, await findSettingRow(ex, def.key));
    cache.set(def.key, value);
    return value;
  }

  const store: SettingsStore = {
    get: read,
    async set(ex, def, value) {
      defineSetting(def);
      await upsertSettingRow(ex, def.key, encode(def, value));
      cache.delete(def.key);
      if (!ex.isTransaction) store.changed(def.key);
    },
    async setIfAbsent(ex, def, value) {
      defineSetting(def);
      const inserted = await upsertSettingRow(ex, def.key, encode(def, value), true);
      cache.delete(def.key);
      if (inserted && !ex.isTransaction) store.changed(def.key);
      return inserted;
    },
    async update(def, value, alongside) {
      await inTransaction(deps.db, async (tx) => {
        await store.set(tx, def, value);
        await alongside?.(tx);
      });
      store.changed(def.key);
    },
    async describeSecret(ex, def) {
      const { value, updatedAt } = await read(ex, def);
      return deps.secrets.hint(updatedAt === null || value === '' ? null : value);
    },
    changed(key) {
      invalidations.publish('settings', key);
    },
  };
  return store;
}

/**
 * Shared set-up of the read-path benchmarks (`analytics`, `inbox`): the full app in this
 * process on a SQLite file with one WhatsApp account, and a fast seeder that writes
 * contacts, one conversation each, millions of messages and a few campaigns straight into
 * SQLite with recursive-CTE `INSERT … SELECT`s (no JavaScript per row). The messages
 * table's secondary indexes are dropped while it fills and built again afterwards, which
 * sorts each index once instead of inserting 5,000,000 keys at random positions; likewise the
 * search indexes' triggers are dropped and the indexes rebuilt once at the end.
 */
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sql, type Kysely } from 'kysely';
import { buildApp, type KianaApp } from '../apps/server/src/app';
import { loadConfig } from '../apps/server/src/config';
import type { Database } from '../apps/server/src/db/schema';
import { createLogger } from '../apps/server/src/logger';
import { userWithRole, type SignedIn } from '../apps/server/src/modules/auth/auth.testkit';
import { median } from './bench.lib';

export const BENCH_APP_SECRET = 'bench_app_secret_456';
export const BENCH_WABA_ID = '102000000000001';
export const BENCH_PHONE_NUMBER_ID = '106000000000001';

export interface BenchApp {
  kiana: KianaApp;
  owner: SignedIn;
  accountId: string;
  close(): Promise<void>;
}

/** The full app on a fresh SQLite file in a temporary folder, with one account. */
export async function startBenchApp(): Promise<BenchApp> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'kiana-bench-'));
  const config = loadConfig({
    KIANA_DATA_DIR: dataDir,
    KIANA_MASTER_KEY: randomBytes(32).toString('base64'),
    LOG_LEVEL: 'warn',
    NODE_ENV: 'production',
    KIANA_PUBLIC_URL: 'http://localhost:3000',
    HOST: '127.0.0.1',
    // Any Graph API call goes to a closed loopback port, never the internet.
    KIANA_GRAPH_URL: 'http://127.0.0.1:9',
    PORT: '0',
  });
  const kiana = await buildApp({ config, serveWeb: false, logger: createLogger('warn') });
  const owner = await userWithRole(kiana, 'owner');
  const created = await kiana.app.inject({
    method: 'POST',
    url: '/api/v1/whatsapp/accounts',
    headers: owner.headers,
    payload: {
      name: 'Bench',
      wabaId: BENCH_WABA_ID,
      accessToken: 'bench_access_token',
      appSecret: BENCH_APP_SECRET,
      verifyToken: 'bench-verify-token',
    },
  });
  if (created.statusCode >= 300) throw new Error(`account not created: ${created.body}`);
  const accountId = (created.json() as { id: string }).id;
  return {
    kiana,
    owner,
    accountId,
    close: async () => {
      await kiana.close();
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

export interface SeedOptions {
  accountId: string;
  contacts: number;
  messages: number;
  /** Campaigns that sent 30 % of the outbound messages between them. */
  campaigns: number;
  /** The newest message is just before this; the oldest `days` earlier. */
  now: number;
  days: number;
}

export interface SeedLayout {
  /** The `n`th message (0-based) belongs to conversation `n % contacts`, at this time. */
  createdAtOf(n: number): number;
  conversationId(k: number): string;
  contactName(k: number): string;
  phoneE164(k: number): string;
  campaignId(c: number): string;
  /** A word found only in the text of inbound messages with `n % 1000 = 7`. */
  rareWord: string;
}

const COUNTRIES = ['US', 'BR', 'IN', 'DE', 'MX'];
const pad = (n: number, width: number) => String(n).padStart(width, '0');
/** An integer written into the SQL: better-sqlite3 binds a JS number as a REAL, and `%` or
 *  `||` on a REAL gives `0.0`-style text (campaign `bcamp-0.0`). */
const int = (n: number) => sql.raw(String(Math.trunc(n)));

/** Where the seeder puts things, so a benchmark can ask for a known contact or message. */
export function seedLayout(o: SeedOptions): SeedLayout {
  const span = o.days * 86_400_000;
  const start = o.now - span;
  return {
    createdAtOf: (n) => start + Math.floor((n * span) / o.messages),
    conversationId: (k) => `bconv-${pad(k, 7)}`,
    contactName: (k) => `Contact ${pad(k, 7)}`,
    phoneE164: (k) => `+1555${pad(k, 7)}`,
    campaignId: (c) => `bcamp-${c}`,
    rareWord: 'refund',
  };
}

type Db = Kysely<Database>;

/** Messages' indexes other than the primary key, as SQLite stored their definitions. */
async function secondaryIndexes(db: Db, table: string): Promise<{ name: string; sql: string }[]> {
  const r = await sql<{ name: string; sql: string }>`
    select name, sql from sqlite_master
    where type = 'index' and tbl_name = ${table} and sql is not null`.execute(db);
  return r.rows;
}

/** Triggers on these tables (the search indexes' upkeep, migration 20261205_0100). */
async function triggersOn(db: Db, tables: string[]): Promise<{ name: string; sql: string }[]> {
  const r = await sql<{ name: string; sql: string }>`
    select name, sql from sqlite_master
    where type = 'trigger' and tbl_name in (${sql.join(tables)})`.execute(db);
  return r.rows;
}

/** The FTS5 tables that exist among these. */
async function ftsTables(db: Db, names: string[]): Promise<string[]> {
  const r = await sql<{ name: string }>`
    select name from sqlite_master where type = 'table' and name in (${sql.join(names)})`.execute(
    db,
  );
  return r.rows.map((row) => row.name);
}

/**
 * Seeds contacts (countries spread over five), one conversation each, `messages` messages
 * round-robin over the conversations in time order (every third inbound; outbound ones
 * mostly delivered or read, 5 % failed with 131049 or 131026; 30 % of outbound from the
 * campaigns), the campaigns with their counters. Returns the seconds it took.
 */
export async function seedConversations(db: Db, o: SeedOptions): Promise<number> {
  const t0 = performance.now();
  const layout = seedLayout(o);
  const span = o.days * 86_400_000;
  const start = o.now - span;
  const C = o.contacts;
  const M = o.messages;
  await sql`pragma cache_size = -400000`.execute(db);
  await sql`pragma foreign_keys = off`.execute(db);
  // Throwaway data: no fsync at the seeding's checkpoints (db/database.ts sets NORMAL).
  await sql`pragma synchronous = off`.execute(db);
  // The search indexes are filled once at the end ('rebuild', as the migration's backfill
  // does) instead of by their triggers row by row.
  const triggers = await triggersOn(db, ['messages', 'contacts']);
  for (const t of triggers) await sql.raw(`drop trigger ${t.name}`).execute(db);
  const countries = sql.raw(
    `case k % ${COUNTRIES.length} ${COUNTRIES.map((c, i) => `when ${i} then '${c}'`).join(' ')} end`,
  );
  // The conversation's last message is its message with the highest n: k + C * (lastRound).
  const rounds = Math.ceil(M / C);
  const lastN = `(case when k + ${C} * ${rounds - 1} < ${M} then k + ${C} * ${rounds - 1}
    else k + ${C} * ${rounds - 2} end)`;
  const createdAt = (n: string) => sql.raw(`(${start} + (${n}) * ${span} / ${M})`);
  await db.transaction().execute(async (tx) => {
    await sql`
      with recursive seq(k) as (select 0 union all select k + 1 from seq where k + 1 < ${int(C)})
      insert into contacts (id, wa_id, phone_e164, name, profile_name, country, language,
        attributes, marketing_consent, is_opted_out, created_at, updated_at)
      select 'bcont-' || printf('%07d', k), '1555' || printf('%07d', k),
        '+1555' || printf('%07d', k), 'Contact ' || printf('%07d', k),
        'Profile ' || printf('%07d', k), ${countries}, 'en', '{}', 'granted', 0,
        ${start}, ${start}
      from seq`.execute(tx);
    await sql`
      with recursive seq(k) as (select 0 union all select k + 1 from seq where k + 1 < ${int(C)})
      insert into conversations (id, phone_number_id, account_id, contact_id, last_message_at,
        last_inbound_at, window_expires_at, unread_count, state, created_at, updated_at)
      select 'bconv-' || printf('%07d', k), ${BENCH_PHONE_NUMBER_ID}, ${o.accountId},
        'bcont-' || printf('%07d', k), ${createdAt(lastN)}, null, null, k % 3, 'open',
        ${start}, ${createdAt(lastN)}
      from seq`.execute(tx);
    for (let c = 0; c < o.campaigns; c += 1) {
      const id = layout.campaignId(c);
      await sql`
        insert into campaigns (id, name, account_id, phone_number_id, template_id, template_name,
          template_language, template_category, audience_json, variables_json, status,
          created_by, launched_at, started_at, finished_at, created_at, updated_at)
        values (${id}, ${`Bench campaign ${c}`}, ${o.accountId}, ${BENCH_PHONE_NUMBER_ID},
          ${`tpl-${c}`}, ${`bench_offer_${c}`}, 'en', 'MARKETING', '{}', '{}', 'completed',
          'bench', ${start}, ${start}, ${o.now}, ${start}, ${o.now})`.execute(tx);
    }
  });
  const indexes = await secondaryIndexes(db, 'messages');
  for (const ix of indexes) await sql.raw(`drop index ${ix.name}`).execute(db);
  const CHUNK = 500_000;
  const status = sql.raw(`case when n % 3 = 2 then 'received'
    when n % 20 = 0 then 'failed' when n % 20 < 8 then 'delivered'
    when n % 20 < 17 then 'read' else 'sent' end`);
  for (let from = 0; from < M; from += CHUNK) {
    const to = Math.min(M, from + CHUNK);
    await db.transaction().execute(async (tx) => {
      await sql`
        with recursive seq(n) as (select ${int(from)} union all select n + 1 from seq where n + 1 < ${int(to)}),
        rows as (select n, n % ${int(C)} as k, ${createdAt('n')} as at, ${status} as status,
          case when n % 3 = 2 then 'in' else 'out' end as direction,
          case when n % 3 != 2 and n % 10 < 3 and ${int(o.campaigns)} > 0
            then 'bcamp-' || (n % ${int(Math.max(1, o.campaigns))}) end as campaign from seq)
        insert into messages (id, conversation_id, contact_id, account_id, phone_number_id,
          wamid, direction, type, text, payload, status, sent_at, delivered_at, read_at,
          failed_at, error_code, pricing_category, pricing_type, pricing_billable, campaign_id,
          sent_by_meta_at, created_at, updated_at)
        select 'bmsg-' || printf('%08d', n), 'bconv-' || printf('%07d', k),
          'bcont-' || printf('%07d', k), ${o.accountId}, ${BENCH_PHONE_NUMBER_ID},
          'wamid.bench.' || printf('%08d', n), direction,
          case when campaign is null then 'text' else 'template' end,
          case when direction = 'in' then
            (case when n % 1000 = 7 then 'I would like a refund for order ' || n
              else 'Hello, question about order ' || n end)
            when campaign is null then 'Your order ' || n || ' has shipped' else null end,
          case when campaign is null then '{}'
            else '{"template":{"name":"bench_offer_' || (n % ${int(Math.max(1, o.campaigns))}) || '"}}' end,
          status,
          case when direction = 'out' and status != 'failed' then at + 1000 end,
          case when status in ('delivered', 'read') then at + 2000 end,
          case when status = 'read' then at + 60000 end,
          case when status = 'failed' then at + 1000 end,
          case when status = 'failed' then (case when n % 40 = 0 then 131049 else 131026 end) end,
          case when direction = 'out' then (case when campaign is null then 'service' else 'marketing' end) end,
          case when direction = 'out' then (case when campaign is null then 'free_customer_service' else 'regular' end) end,
          case when direction = 'out' then (case when campaign is null then 0 else 1 end) end,
          campaign,
          case when direction = 'in' then at end,
          at, at + (case when status = 'read' then 60000 else 2000 end)
        from rows`.execute(tx);
    });
  }
  for (const ix of indexes) await sql.raw(ix.sql).execute(db);
  for (const fts of await ftsTables(db, ['messages_fts', 'contacts_fts']))
    await sql`insert into ${sql.table(fts)} (${sql.raw(fts)}) values ('rebuild')`.execute(db);
  for (const t of triggers) await sql.raw(t.sql).execute(db);
  // Each campaign's counters as the dispatcher keeps them (recipients per final status).
  for (let c = 0; c < o.campaigns; c += 1)
    await sql`
      insert into campaign_counts (campaign_id, status, count)
      select campaign_id, status, count(*) from messages
      where campaign_id = ${layout.campaignId(c)} group by status`.execute(db);
  await sql`pragma foreign_keys = on`.execute(db);
  await sql`pragma synchronous = normal`.execute(db);
  // No ANALYZE: production databases have no statistics either, and the plans must be theirs.
  return (performance.now() - t0) / 1000;
}

/** Median and spread of `times` calls of `op` (after one warm-up), in milliseconds. */
export async function timeCalls(
  op: () => Promise<void>,
  times: number,
): Promise<{ median: number; min: number; max: number; all: number[] }> {
  await op();
  const all: number[] = [];
  for (let i = 0; i < times; i += 1) {
    const t0 = performance.now();
    await op();
    all.push(performance.now() - t0);
  }
  return { median: median(all), min: Math.min(...all), max: Math.max(...all), all };
}

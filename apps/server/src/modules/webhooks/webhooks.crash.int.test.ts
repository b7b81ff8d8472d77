import { spawn, type ChildProcess } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { request } from 'undici';
import { afterAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../app';
import { loadConfig } from '../../config';
import { createLogger } from '../../logger';
import { openDatabase, type Db } from '../../db/database';
import { createTestDatabaseUrl, testDialect } from '../../../test/test-db';
import { freePort, kianaBin, waitReady } from '../../../test/process-kit';
import { userWithRole } from '../auth/auth.testkit';
import { createContactsService } from '../contacts/contacts.service';
import { createConversationsService } from '../conversations/conversations.service';
import { signBody } from './webhooks.signature';
import { statusEnvelope } from './webhooks.testkit';

const SECRET = 'crash_test_app_secret';
const WABA = '102000000000001';
const MESSAGES = 150;
const steps = ['sent', 'delivered', 'read'] as const;

/** The signed deliveries of the load: every message gets sent, delivered, read; a few bodies hold several. */
function deliveries(): { body: string; statuses: { id: string; status: string }[] }[] {
  const out: { body: string; statuses: { id: string; status: string }[] }[] = [];
  for (let m = 0; m < MESSAGES; m += 5) {
    for (const [i, status] of steps.entries()) {
      const statuses = Array.from({ length: 5 }, (_, k) => ({
        id: `wamid.crash.${m + k}`,
        status,
        timestamp: String(1_767_000_000 + i),
        recipient_id: '15550002222',
      }));
      out.push({ body: JSON.stringify(statusEnvelope(statuses, WABA)), statuses });
    }
  }
  return out;
}

describe(`a server killed with SIGKILL under webhook load on ${testDialect}`, () => {
  const dirs: string[] = [];
  const children: ChildProcess[] = [];
  afterAll(() => {
    for (const c of children) if (c.exitCode === null) c.kill('SIGKILL');
    for (const d of dirs) fs.rmSync(d, { recursive: true, force: true });
  });

  it('keeps every acknowledged event stored and applied, and applies redeliveries once', async () => {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'kiana-crash-'));
    dirs.push(dataDir);
    const database = await createTestDatabaseUrl(dataDir);
    const env: Record<string, string> = {
      KIANA_DATA_DIR: dataDir,
      KIANA_MASTER_KEY: randomBytes(32).toString('base64'),
      KIANA_PUBLIC_URL: 'http://localhost:3000',
      LOG_LEVEL: 'warn',
      NODE_ENV: 'test',
      // Any Graph API call goes to a closed loopback port, never the internet.
      KIANA_GRAPH_URL: 'http://127.0.0.1:9',
      HOST: '127.0.0.1',
      DATABASE_URL: database.url,
    };
    try {
      // Prepare: an account with its app secret and the outbound messages, through the app itself.
      const kiana = await buildApp({
        config: loadConfig(env),
        serveWeb: false,
        logger: createLogger('warn'),
      });
      const owner = await userWithRole(kiana, 'owner');
      const created = await kiana.app.inject({
        method: 'POST',
        url: '/api/v1/whatsapp/accounts',
        headers: owner.headers,
        payload: {
          name: 'Crash',
          wabaId: WABA,
          accessToken: 'crash_access_token',
          appSecret: SECRET,
        },
      });
      expect(created.statusCode, created.body).toBeLessThan(300);
      const contacts = createContactsService({ now: Date.now });
      const conversations = createConversationsService({ now: Date.now, contacts });
      const contactId = await contacts.touchFromInbound(kiana.ctx.db.kysely, {
        waId: '15550002222',
        profileName: null,
        at: Date.now(),
      });
      for (let m = 0; m < MESSAGES; m += 1) {
        await conversations.recordOutbound(kiana.ctx.db.kysely, {
          accountId: null,
          phoneNumberId: '106000000000001',
          contactId,
          wamid: `wamid.crash.${m}`,
          type: 'template',
          text: null,
          payload: {},
        });
      }
      await kiana.close();

      const start = async () => {
        const port = await freePort();
        const child = spawn(process.execPath, [kianaBin, 'start'], {
          env: { ...process.env, ...env, PORT: String(port) },
          stdio: ['ignore', 'ignore', 'inherit'],
        });
        children.push(child);
        const url = `http://127.0.0.1:${port}`;
        await waitReady(url, 30_000);
        return { child, url };
      };
      const post = async (url: string, body: string) => {
        const res = await request(`${url}/webhooks/whatsapp`, {
          method: 'POST',
          headers: {
            'content-type': 'application/json',
            'x-hub-signature-256': signBody(body, SECRET),
          },
          body,
        });
        await res.body.dump();
        return res.statusCode;
      };

      const load = deliveries();
      const first = await start();
      const acked = new Set<number>();
      let killed = false;
      // The kill lands in the middle of the load: once a few deliveries were acknowledged
      // (observed, not timed, so a slow start on a busy machine cannot make it land first).
      let someAcked: () => void = () => {};
      const enoughAcked = new Promise<void>((r) => (someAcked = r));
      const inflight = load.map(async (d, i) => {
        // Spread the load so that there is still some of it left when the kill comes.
        await new Promise((r) => setTimeout(r, i * 4));
        if (killed) return;
        try {
          if ((await post(first.url, d.body)) === 200) acked.add(i);
          if (acked.size >= 5) someAcked();
        } catch {
          // connection reset by the kill: not acknowledged
        }
      });
      await Promise.race([enoughAcked, Promise.allSettled(inflight)]);
      killed = true;
      first.child.kill('SIGKILL');
      await Promise.allSettled(inflight);
      expect(acked.size).toBeGreaterThan(0);
      expect(acked.size).toBeLessThan(load.length);

      const second = await start();
      const db: Db = openDatabase(
        database.url.startsWith('sqlite:')
          ? { dialect: 'sqlite', file: path.join(dataDir, 'kiana.db') }
          : { dialect: 'postgres', connectionString: database.url },
      );
      try {
        // Every acknowledged body is stored, and its statuses are applied.
        const rank = { pending: 0, sent: 1, delivered: 2, read: 3 } as Record<string, number>;
        for (const i of acked) {
          const d = load[i];
          if (d === undefined) continue;
          const hash = createHash('sha256').update(d.body).digest('hex');
          const row = await db.kysely
            .selectFrom('webhookEvents')
            .select(['status'])
            .where('bodyHash', '=', hash)
            .executeTakeFirst();
          expect(row, `acked delivery ${i}`).toBeDefined();
          for (const s of d.statuses) {
            const msg = await db.kysely
              .selectFrom('messages')
              .select('status')
              .where('wamid', '=', s.id)
              .executeTakeFirstOrThrow();
            expect(rank[msg.status] ?? 0, `${s.id} ${s.status}`).toBeGreaterThanOrEqual(
              rank[s.status] ?? 0,
            );
          }
        }
        // Meta redelivers what got no 200 (and, at least once, some that did): each applies once.
        for (const d of load) expect(await post(second.url, d.body)).toBe(200);
        const events = await db.kysely
          .selectFrom('webhookEvents')
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .executeTakeFirstOrThrow();
        expect(Number(events.n)).toBe(load.length);
        const statuses = await db.kysely
          .selectFrom('messages')
          .select(['status', 'sentAt', 'deliveredAt', 'readAt'])
          .where('wamid', 'like', 'wamid.crash.%')
          .execute();
        expect(statuses).toHaveLength(MESSAGES);
        for (const s of statuses) {
          expect(s).toEqual({
            status: 'read',
            sentAt: 1_767_000_000_000,
            deliveredAt: 1_767_000_001_000,
            readAt: 1_767_000_002_000,
          });
        }
        const pending = await db.kysely
          .selectFrom('webhookEvents')
          .select('id')
          .where('status', '!=', 'processed')
          .execute();
        expect(pending).toEqual([]);
      } finally {
        second.child.kill('SIGTERM');
        await db.close();
      }
    } finally {
      await database.drop();
    }
  }, 90_000);
});

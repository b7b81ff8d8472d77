import { randomUUID } from 'node:crypto';
import type { Db } from '../../db/database';
import type { Clock } from '../../platform/clock';
import type { SeedStep } from '../../seed/seeder';

const DAY = 86_400_000;
const CUSTOMERS = [
  ['+16505550141', 'US', 'Ava Johnson'],
  ['+16505550142', 'US', 'Liam Smith'],
  ['+16505550000', 'US', 'Noah Brown'],
  ['+5511987650141', 'BR', 'Beatriz Souza'],
  ['+5511987650142', 'BR', 'Lucas Lima'],
  ['+5215512340141', 'MX', 'Sofía García'],
  ['+4915112340141', 'DE', 'Lena Müller'],
  ['+919812340141', 'IN', 'Aarav Sharma'],
] as const;
const TEMPLATES = [
  ['spring_sale', 'marketing'],
  ['order_update', 'utility'],
  ['login_code', 'authentication'],
] as const;

/** A seeded PRNG: the same history on every demo start. */
function prng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

/**
 * Demo mode: four weeks of plausible traffic on the simulator's number (template sends with
 * their statuses and pricing, some failures, replies), so the dashboard and the messages log
 * are not empty on first start. A few hundred rows in one transaction: start-up stays fast.
 * The rollup job folds them at start like any other message.
 */
export function demoHistorySeed(deps: { db: Db; clock: Clock }): SeedStep {
  return {
    key: 'analytics.demo-history',
    apply: async () => {
      const db = deps.db.kysely;
      const number = await db
        .selectFrom('waPhoneNumbers')
        .select(['accountId', 'phoneNumberId'])
        .executeTakeFirst();
      if (number === undefined) return;
      const random = prng(17);
      const now = deps.clock.now();
      await db.transaction().execute(async (tx) => {
        for (const [phone, country, name] of CUSTOMERS) {
          const existing = await tx
            .selectFrom('contacts')
            .select('id')
            .where('phoneE164', '=', phone)
            .executeTakeFirst();
          if (existing !== undefined) continue;
          const contactId = randomUUID();
          const conversationId = randomUUID();
          await tx
            .insertInto('contacts')
            .values({
              id: contactId,
              waId: phone.slice(1),
              phoneE164: phone,
              name,
              country,
              isOptedOut: 0,
              createdAt: now - 30 * DAY,
              updatedAt: now - 30 * DAY,
            })
            .execute();
          await tx
            .insertInto('conversations')
            .values({
              id: conversationId,
              phoneNumberId: number.phoneNumberId,
              accountId: number.accountId,
              contactId,
              lastMessageAt: now - DAY,
              unreadCount: 0,
              createdAt: now - 30 * DAY,
              updatedAt: now - 30 * DAY,
            })
            .execute();
          for (let day = 27; day >= 0; day--) {
            if (random() < 0.4) continue;
            const at = now - day * DAY - Math.floor(random() * 6 * 3_600_000) - 3_600_000;
            const [template, category] =
              TEMPLATES[Math.floor(random() * TEMPLATES.length)] ?? TEMPLATES[0];
            // Numbers ending in 0000 are not on WhatsApp: the simulator fails them with 131026.
            const fails = phone.endsWith('0000') || random() < 0.05;
            const reached = random();
            await tx
              .insertInto('messages')
              .values({
                id: randomUUID(),
                conversationId,
                contactId,
                accountId: number.accountId,
                phoneNumberId: number.phoneNumberId,
                wamid: `wamid.demo.${randomUUID()}`,
                direction: 'out',
                type: 'template',
                payload: JSON.stringify({
                  messaging_product: 'whatsapp',
                  to: phone.slice(1),
                  type: 'template',
                  template: { name: template, language: { code: 'en_US' } },
                }),
                status: fails
                  ? 'failed'
                  : reached < 0.55
                    ? 'read'
                    : reached < 0.9
                      ? 'delivered'
                      : 'sent',
                sentAt: fails ? null : at + 1_000,
                deliveredAt: fails || reached >= 0.9 ? null : at + 3_000,
                readAt: fails || reached >= 0.55 ? null : at + 60_000,
                failedAt: fails ? at + 2_000 : null,
                errorCode: fails ? (phone.endsWith('0000') ? 131026 : 131049) : null,
                errorTitle: fails
                  ? phone.endsWith('0000')
                    ? 'Message undeliverable'
                    : 'This message was not delivered to maintain healthy ecosystem engagement.'
                  : null,
                pricingModel: fails ? null : 'PMP',
                pricingCategory: fails ? null : category,
                pricingType: fails ? null : 'regular',
                pricingBillable: fails ? null : 1,
                createdAt: at,
                updatedAt: at + 60_000,
              })
              .execute();
            if (!fails && reached < 0.3) {
              const replyAt = at + 10 * 60_000;
              await tx
                .insertInto('messages')
                .values({
                  id: randomUUID(),
                  conversationId,
                  contactId,
                  accountId: number.accountId,
                  phoneNumberId: number.phoneNumberId,
                  wamid: `wamid.demo.${randomUUID()}`,
                  direction: 'in',
                  type: 'text',
                  text:
                    ['Thanks!', 'Is it still available?', 'STOP please', 'Great, see you'][
                      Math.floor(random() * 4)
                    ] ?? 'Thanks!',
                  payload: JSON.stringify({ type: 'text' }),
                  status: 'received',
                  sentByMetaAt: replyAt,
                  createdAt: replyAt,
                  updatedAt: replyAt,
                })
                .execute();
            }
          }
        }
      });
    },
  };
}

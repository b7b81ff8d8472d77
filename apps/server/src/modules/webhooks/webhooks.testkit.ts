import Fastify, { type FastifyInstance } from 'fastify';
import { pino } from 'pino';
import type { Db } from '../../db/database';
import { EventBus, type BusEvent } from '../../events/bus';
import { BackgroundWork } from '../../platform/background';
import { createContactsService, type ContactsService } from '../contacts/contacts.service';
import {
  createConversationsService,
  type ConversationsService,
} from '../conversations/conversations.service';
import {
  staticDirectory,
  type WebhookCredential,
  type WebhookFieldHandlers,
} from './webhooks.directory';
import { webhookReceiverRoutes } from './webhooks.receiver';
import { createAuditService } from '../audit/audit.service';
import { conversationsIntakeHandler } from '../conversations/conversations.intake';
import { contactsIntakeHandler } from '../contacts/contacts.intake';
import { createIntakeHandlers, type IntakeHandler } from './webhooks.intake';
import { createWebhooksService, type WebhooksService } from './webhooks.service';
import { signBody } from './webhooks.signature';

export const TEST_SECRET = 'sim_app_secret_123';
export const TEST_CREDENTIAL: WebhookCredential = {
  accountId: 'acc-1',
  wabaId: '102000000000001',
  appSecret: TEST_SECRET,
  verifyToken: 'verify-token-123',
};

/** A receiver on a bare Fastify app over a real database, for intake tests and benches. */
export interface IntakeHarness {
  app: FastifyInstance;
  service: WebhooksService;
  conversations: ConversationsService;
  contacts: ContactsService;
  bus: EventBus;
  events: BusEvent[];
  background: BackgroundWork;
  signatureFailures: { accountId: string | null }[];
  /** POSTs a body signed with the test secret (or `signature` when given). */
  post(body: unknown, signature?: string | null): Promise<{ statusCode: number; body: string }>;
  close(): Promise<void>;
}

/**
 * Builds the intake harness with the conversations and contacts intake handlers registered
 * as the app registers them; `conversations` swaps the service they use (e.g. a failing
 * one), `intake` adds handlers after them.
 */
export async function createIntakeHarness(
  db: Db,
  options: {
    handlers?: WebhookFieldHandlers;
    conversations?: (real: ConversationsService) => ConversationsService;
    credentials?: WebhookCredential[];
    onMedia?: (messageIds: string[]) => void;
    intake?: IntakeHandler[];
  } = {},
): Promise<IntakeHarness> {
  const logger = pino({ level: 'silent' });
  const bus = new EventBus();
  const events: BusEvent[] = [];
  bus.subscribeAll((e) => events.push(e));
  const background = new BackgroundWork(logger);
  const now = () => Date.now();
  const contacts = createContactsService({ now });
  const real = createConversationsService({ now, contacts });
  const conversations = options.conversations?.(real) ?? real;
  const signatureFailures: { accountId: string | null }[] = [];
  const intake = createIntakeHandlers();
  intake.register(conversationsIntakeHandler({ conversations, onMedia: options.onMedia }));
  intake.register(contactsIntakeHandler(contacts));
  for (const handler of options.intake ?? []) intake.register(handler);
  const service = createWebhooksService({
    db,
    bus,
    clock: { now },
    logger,
    background,
    directory: staticDirectory(options.credentials ?? [TEST_CREDENTIAL]),
    intake,
    handlers: options.handlers ?? {},
    audit: createAuditService({ db: db.kysely, clock: { now } }),
    onSignatureFailure: (f) => signatureFailures.push({ accountId: f.accountId }),
  });
  const app = Fastify({ logger: false });
  await webhookReceiverRoutes(app, service);
  await app.ready();
  return {
    app,
    service,
    conversations: real,
    contacts,
    bus,
    events,
    background,
    signatureFailures,
    async post(body, signature) {
      const raw = typeof body === 'string' || Buffer.isBuffer(body) ? body : JSON.stringify(body);
      const headers: Record<string, string> = { 'content-type': 'application/json' };
      if (signature !== null)
        headers['x-hub-signature-256'] = signature ?? signBody(raw, TEST_SECRET);
      const res = await app.inject({
        method: 'POST',
        url: '/webhooks/whatsapp',
        headers,
        payload: raw,
      });
      return { statusCode: res.statusCode, body: res.body };
    },
    async close() {
      await app.close();
      await background.drain(5_000);
      await service.close();
    },
  };
}

/** A `messages` envelope carrying statuses, as Meta sends it. */
export function statusEnvelope(statuses: object[], wabaId = TEST_CREDENTIAL.wabaId): object {
  return {
    object: 'whatsapp_business_account',
    entry: [
      {
        id: wabaId,
        changes: [
          {
            field: 'messages',
            value: {
              messaging_product: 'whatsapp',
              metadata: { display_phone_number: '15550001111', phone_number_id: '106000000000001' },
              statuses,
            },
          },
        ],
      },
    ],
  };
}

/** A `messages` envelope carrying one inbound message. */
export function inboundEnvelope(
  message: object,
  profileName = 'Ana',
  wabaId = TEST_CREDENTIAL.wabaId,
): object {
  const from = (message as { from?: string }).from ?? '15550002222';
  return {
    object: 'whatsapp_business_account',
    entry: [
      {
        id: wabaId,
        changes: [
          {
            field: 'messages',
            value: {
              messaging_product: 'whatsapp',
              metadata: { display_phone_number: '15550001111', phone_number_id: '106000000000001' },
              contacts: [{ profile: { name: profileName }, wa_id: from }],
              messages: [message],
            },
          },
        ],
      },
    ],
  };
}

/** Stores an outbound message (as a send would) so that statuses have something to advance. */
export async function storeOutbound(
  h: IntakeHarness,
  db: Db,
  wamid: string,
  waId = '15550002222',
  bizOpaqueCallbackData?: string,
) {
  const contactId = await h.contacts.touchFromInbound(db.kysely, {
    waId,
    profileName: null,
    at: Date.now(),
  });
  return await h.conversations.recordOutbound(db.kysely, {
    accountId: TEST_CREDENTIAL.accountId,
    phoneNumberId: '106000000000001',
    contactId,
    wamid,
    type: 'template',
    text: null,
    payload: {},
    bizOpaqueCallbackData,
  });
}

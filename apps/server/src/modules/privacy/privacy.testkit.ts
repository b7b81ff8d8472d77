import fs from 'node:fs';
import path from 'node:path';
import { createHash, randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import type { Db } from '../../db/database';
import { emptyMessage } from '../conversations/conversations.service';

/** One made-up person, with every identifier and text a scan must not find after deletion. */
export interface Person {
  phone: string;
  waId: string;
  /** Business-scoped user id (BSUID) and username, as Meta sends them since 2026. */
  userId: string;
  username: string;
  name: string;
  email: string;
  inboundText: string;
  outboundText: string;
  mediaBytes: string;
}

/** A person whose identifiers are unique to this call (so scans cannot match by chance). */
export function makePerson(seed: number): Person {
  const local = String(7700900000 + seed).slice(-9);
  const tag = `${seed}q${Math.random().toString(36).slice(2, 7)}`;
  return {
    phone: `+447${local}`,
    waId: `447${local}`,
    userId: `GB.${seed}90${local}${tag.replace(/\W/g, '')}`,
    username: `zeb.${tag}`,
    name: `Zebulon Quixote-${tag}`,
    email: `zebulon.${tag}@example.org`,
    inboundText: `my pancake recipe is ${tag} with cardamom`,
    outboundText: `your order plum-${tag} is ready`,
    mediaBytes: `JPEGDATA photo of ${tag}`,
  };
}

/** The ids of the rows made for a person. */
export interface PersonRows {
  contactId: string;
  conversationId: string;
  mediaPath: string;
  /** A stored data export of the person (file-store key). */
  exportPath: string;
}

/**
 * Inserts a person's data into every table that can hold it, all stamped `at` (epoch ms):
 * contact, conversation, inbound and outbound messages, a media message with its file on
 * disk, a status waiting for its message, the raw webhook body and two audit entries, one
 * mentioning the number, one only the email (upper-cased), and a stored data export.
 * `FIXTURE_TABLES` lists the tables covered.
 */
export async function insertPersonData(
  db: Db,
  dataDir: string,
  p: Person,
  at: number,
): Promise<PersonRows> {
  const k = db.kysely;
  const contactId = randomUUID();
  const conversationId = randomUUID();
  const mediaId = randomUUID();
  // As conversations.media.ts stores downloads: the file name in the column, under media/.
  const mediaPath = `media/${mediaId}`;
  fs.mkdirSync(path.join(dataDir, 'media'), { recursive: true });
  fs.writeFileSync(path.join(dataDir, mediaPath), p.mediaBytes);
  await k
    .insertInto('contacts')
    .values({
      id: contactId,
      waId: p.waId,
      userId: p.userId,
      username: p.username,
      phoneE164: p.phone,
      profileName: p.name,
      name: `${p.name} (given)`,
      isOptedOut: 0,
      optedOutAt: null,
      optOutSource: null,
      optedInAt: at,
      optInSource: 'form',
      lastInboundAt: at,
      // Attributes can hold anything about the person: the deletion must take them too.
      attributes: JSON.stringify({ nickname: p.name }),
      createdAt: at,
      updatedAt: at,
    })
    .execute();
  // An admin's note naming the person: found only through the ledger's contact link.
  await k
    .insertInto('consentEvents')
    .values({
      id: randomUUID(),
      contactId,
      state: 'opted_in',
      occurredAt: at,
      recordedAt: at,
      source: 'admin',
      detail: null,
      messageId: null,
      importId: null,
      userId: null,
      note: `${p.name} agreed on the phone`,
      applied: 1,
    })
    .execute();
  const tagId = randomUUID();
  await k
    .insertInto('tags')
    .values({
      id: tagId,
      name: `VIP ${tagId}`,
      nameKey: `vip ${tagId}`,
      colour: null,
      createdAt: at,
    })
    .execute();
  await k.insertInto('contactTags').values({ contactId, tagId, createdAt: at }).execute();
  // A running import: the number it applied, and a row of the person it rejected.
  const importId = randomUUID();
  await k
    .insertInto('contactImportSeen')
    .values({ importId, phoneE164: p.phone, rowNumber: 2 })
    .execute();
  await k
    .insertInto('contactImportRejects')
    .values({ importId, rowNumber: 3, value: `${p.phone} ${p.name}`, reason: 'Duplicate' })
    .execute();
  await k
    .insertInto('conversations')
    .values({
      id: conversationId,
      phoneNumberId: 'PN1',
      accountId: null,
      contactId,
      lastMessageAt: at,
      lastInboundAt: at,
      windowExpiresAt: at + 86_400_000,
      unreadCount: 1,
      createdAt: at,
      updatedAt: at,
    })
    .execute();
  // An agent's label naming the customer: free text that must go with the conversation.
  await k
    .insertInto('conversationLabels')
    .values({ conversationId, label: `vip ${p.name}`, createdAt: at })
    .execute();
  const inbound = {
    from: p.waId,
    id: `wamid.in.${mediaId}`,
    type: 'text',
    text: { body: p.inboundText },
  };
  const base = {
    conversationId,
    contactId,
    accountId: null,
    phoneNumberId: 'PN1',
    ...emptyMessage(),
    sentAt: at,
    createdAt: at,
    updatedAt: at,
  };
  await k
    .insertInto('messages')
    .values([
      {
        ...base,
        id: randomUUID(),
        wamid: inbound.id,
        direction: 'in',
        type: 'text',
        text: p.inboundText,
        payload: JSON.stringify(inbound),
        status: 'received',
      },
      {
        ...base,
        id: randomUUID(),
        wamid: `wamid.out.${mediaId}`,
        direction: 'out',
        type: 'text',
        text: p.outboundText,
        payload: JSON.stringify({ to: p.waId, text: { body: p.outboundText } }),
        status: 'sent',
      },
      {
        ...base,
        id: randomUUID(),
        wamid: `wamid.media.${mediaId}`,
        direction: 'in',
        type: 'image',
        text: null,
        payload: JSON.stringify({ from: p.waId, image: { id: mediaId } }),
        status: 'received',
        mediaId,
        mediaMime: 'image/jpeg',
        mediaStatus: 'downloaded',
        mediaPath: mediaId,
        mediaSize: p.mediaBytes.length,
      },
    ])
    .execute();
  await k
    .insertInto('pendingStatuses')
    .values({
      wamid: `wamid.pending.${mediaId}`,
      status: 'delivered',
      payload: JSON.stringify({
        id: `wamid.pending.${mediaId}`,
        status: 'delivered',
        recipient_id: p.waId,
      }),
      bizOpaqueCallbackData: null,
      receivedAt: at,
    })
    .execute();
  const raw = JSON.stringify({
    object: 'whatsapp_business_account',
    entry: [
      {
        changes: [
          {
            field: 'messages',
            value: {
              contacts: [{ profile: { name: p.name }, wa_id: p.waId }],
              messages: [inbound],
            },
          },
        ],
      },
    ],
  });
  await k
    .insertInto('webhookEvents')
    .values({
      id: randomUUID(),
      receivedAt: at,
      bodyHash: createHash('sha256').update(raw).digest('hex'),
      accountId: null,
      wabaId: null,
      field: 'messages',
      signature: 'valid',
      status: 'processed',
      error: null,
      search: `${inbound.id} ${p.waId}`,
      itemCount: 1,
      raw,
      attempts: 1,
      processedAt: at,
    })
    .execute();
  // A message sent while the number was withheld: the body names only the BSUID and
  // username, so only the contact's BSUID can find it.
  const usernameOnly = JSON.stringify({
    object: 'whatsapp_business_account',
    entry: [
      {
        changes: [
          {
            field: 'messages',
            value: {
              contacts: [{ profile: { name: 'Z', username: p.username }, user_id: p.userId }],
              messages: [{ ...inbound, from: undefined, from_user_id: p.userId }],
            },
          },
        ],
      },
    ],
  });
  await k
    .insertInto('webhookEvents')
    .values({
      id: randomUUID(),
      receivedAt: at,
      bodyHash: createHash('sha256').update(usernameOnly).digest('hex'),
      accountId: null,
      wabaId: null,
      field: 'messages',
      signature: 'valid',
      status: 'processed',
      error: null,
      search: ` ${p.userId} `,
      itemCount: 1,
      raw: usernameOnly,
      attempts: 1,
      processedAt: at,
    })
    .execute();
  await k
    .insertInto('auditLog')
    .values({
      id: randomUUID(),
      at,
      actorType: 'system',
      actorId: null,
      actorName: null,
      action: 'contact.opt_in',
      outcome: 'success',
      targetType: 'contact',
      targetId: contactId,
      ip: null,
      userAgent: null,
      details: JSON.stringify({ phone: p.phone, email: p.email }),
    })
    .execute();
  // Found only by the email, typed in other letter case than the request's (lower-cased)
  // one: `contains` links must match case-insensitively on both dialects.
  await k
    .insertInto('auditLog')
    .values({
      id: randomUUID(),
      at,
      actorType: 'system',
      actorId: null,
      actorName: null,
      action: 'contact.email_reply',
      outcome: 'success',
      targetType: null,
      targetId: null,
      ip: null,
      userAgent: null,
      details: JSON.stringify({ replyTo: p.email.toUpperCase() }),
    })
    .execute();
  // A campaign whose operator typed the number into the audience, the person's recipient row
  // and the portfolio's messaging-limit entry for the number.
  const campaignId = randomUUID();
  await k
    .insertInto('campaigns')
    .values({
      id: campaignId,
      name: 'Spring offers',
      accountId: 'account-fixture',
      phoneNumberId: 'number-fixture',
      templateId: 'template-fixture',
      templateName: 'spring_offer',
      templateLanguage: 'en_US',
      templateCategory: 'MARKETING',
      audienceJson: JSON.stringify({
        segmentIds: [],
        tagIds: [],
        numbers: [p.phone],
        uploadId: null,
      }),
      variablesJson: '[]',
      headerMediaJson: null,
      scheduleAt: null,
      scheduleTimeZone: null,
      sendWindowJson: null,
      frequencyCapJson: null,
      status: 'completed',
      pauseReason: null,
      pauseDetail: null,
      createdBy: 'user-fixture',
      launchRequestedBy: null,
      approvedBy: null,
      approvedAt: null,
      launchedAt: at,
      startedAt: at,
      finishedAt: at,
      createdAt: at,
      updatedAt: at,
    })
    .execute();
  await k
    .insertInto('campaignRecipients')
    .values({
      campaignId,
      phoneNumberId: 'number-fixture',
      contactId,
      phoneE164: p.phone,
      waId: p.waId,
      paramsJson: JSON.stringify([p.name]),
      status: 'delivered',
      reason: null,
      dueAt: at,
      attemptId: randomUUID(),
      leaseGeneration: null,
      messageId: null,
      wamid: null,
      errorCode: null,
      errorTitle: null,
      errorDetail: null,
      failureKind: null,
      sendingAt: at,
      sentAt: at,
      deliveredAt: at,
      readAt: null,
      failedAt: null,
      repliedAt: null,
      optedOutAt: null,
      createdAt: at,
      updatedAt: at,
    })
    .execute();
  await k
    .insertInto('portfolioRecipients')
    .values({ portfolioId: 'portfolio-fixture', phoneE164: p.phone, lastBusinessInitiatedAt: at })
    .execute();
  // An outgoing webhook event waiting in the outbox, naming the person.
  await k
    .insertInto('outgoingEvents')
    .values({
      id: randomUUID(),
      type: 'message.received',
      data: JSON.stringify({ from: p.phone, name: p.name, text: p.inboundText }),
      createdAt: at,
    })
    .execute();
  // A data export made earlier: a stand-in archive stored uncompressed, so the directory
  // scan can see whether it survives the person (a real one is deflated).
  const exportId = randomUUID();
  const exportPath = `exports/${exportId}.zip`;
  fs.mkdirSync(path.join(dataDir, 'exports'), { recursive: true });
  fs.writeFileSync(path.join(dataDir, exportPath), `profile ${p.phone} ${p.name}`);
  await k
    .insertInto('privacyExports')
    .values({
      id: exportId,
      contactId,
      requestId: null,
      fileKey: exportPath,
      filename: `contact-${contactId}-export.zip`,
      bytes: 0,
      createdBy: null,
      createdAt: at,
    })
    .execute();
  return { contactId, conversationId, mediaPath, exportPath };
}

/** The tables `insertPersonData` fills (besides deletion_requests, filled through the form). */
export const FIXTURE_TABLES = [
  'contacts',
  'consent_events',
  'contact_tags',
  'contact_import_seen',
  'contact_import_rejects',
  'conversations',
  'conversation_labels',
  'messages',
  'pending_statuses',
  'webhook_events',
  'audit_log',
  'deletion_requests',
  'privacy_exports',
  'campaigns',
  'campaign_recipients',
  'portfolio_recipients',
  'outgoing_events',
];

/** Every (table, column) whose text contains one of the needles, across the whole database. */
export async function scanDatabase(
  db: Db,
  tables: readonly string[],
  needles: readonly string[],
): Promise<string[]> {
  const hits: string[] = [];
  for (const table of tables) {
    const rows = await sql<Record<string, unknown>>`select * from ${sql.table(table)}`.execute(
      db.kysely,
    );
    for (const row of rows.rows) {
      for (const [column, value] of Object.entries(row)) {
        const text =
          typeof value === 'string'
            ? value
            : Buffer.isBuffer(value)
              ? value.toString('latin1')
              : '';
        for (const n of needles)
          if (text.includes(n)) hits.push(`${table}.${column} contains "${n}"`);
      }
    }
  }
  return hits;
}

/** Every file under the directory whose bytes contain one of the needles (UTF-8). */
export function scanDirectory(dir: string, needles: readonly string[]): string[] {
  const hits: string[] = [];
  const walk = (d: string): void => {
    for (const entry of fs.readdirSync(d, { withFileTypes: true })) {
      const full = path.join(d, entry.name);
      if (entry.isDirectory()) walk(full);
      else {
        const bytes = fs.readFileSync(full);
        for (const n of needles)
          if (bytes.includes(Buffer.from(n, 'utf8')))
            hits.push(`${path.relative(dir, full)} contains "${n}"`);
      }
    }
  };
  walk(dir);
  return hits;
}

import type { Executor } from '../../db/executor';

/** A connected account with one number and templates, written straight to the tables. */
export async function seedSender(
  ex: Executor,
  opts: {
    suffix?: string;
    quality?: string;
    numberStatus?: string;
    throughputLevel?: string | null;
    messagingLimitTier?: string | null;
    restriction?: string | null;
  } = {},
): Promise<{ accountId: string; phoneNumberId: string; marketingId: string; utilityId: string }> {
  const s = opts.suffix ?? 'a';
  const accountId = `acc-${s}`;
  const now = 1;
  await ex
    .insertInto('waAccounts')
    .values({
      id: accountId,
      name: `Account ${s}`,
      wabaId: `waba-${s}`,
      appId: null,
      apiVersion: 'v23.0',
      accessToken: null,
      appSecret: null,
      verifyToken: null,
      connectionStatus: 'connected',
      connectionError: null,
      checkedAt: null,
      wabaName: null,
      messagingLimitTier: opts.messagingLimitTier ?? 'TIER_1K',
      reviewStatus: null,
      restriction: opts.restriction ?? null,
      createdAt: now,
      updatedAt: now,
    })
    .execute();
  const phoneNumberId = `pn-${s}`;
  await ex
    .insertInto('waPhoneNumbers')
    .values({
      id: `local-${phoneNumberId}`,
      accountId,
      phoneNumberId,
      displayPhoneNumber: '+1 555 0100',
      verifiedName: 'Shop',
      qualityRating: opts.quality ?? 'GREEN',
      throughputLevel: opts.throughputLevel === undefined ? 'STANDARD' : opts.throughputLevel,
      nameStatus: null,
      status: opts.numberStatus ?? 'CONNECTED',
      refreshedAt: now,
      createdAt: now,
    })
    .execute();
  const template = (id: string, category: string, status: string) => ({
    id,
    accountId,
    metaId: null,
    name: `tpl_${id}`,
    language: 'en',
    category,
    status,
    parameterFormat: 'POSITIONAL',
    components: JSON.stringify([{ type: 'BODY', text: 'Hi {{1}}, your code {{2}}' }]),
    rejectedReason: null,
    qualityScore: 'GREEN',
    previousCategory: null,
    syncedAt: null,
    createdAt: now,
    updatedAt: now,
  });
  await ex
    .insertInto('waTemplates')
    .values([
      template(`mkt-${s}`, 'MARKETING', 'APPROVED'),
      template(`utl-${s}`, 'UTILITY', 'APPROVED'),
    ])
    .execute();
  return { accountId, phoneNumberId, marketingId: `mkt-${s}`, utilityId: `utl-${s}` };
}

/** A contact with a number (and optional attributes, opt-out, tag). */
export async function seedContact(
  ex: Executor,
  phoneE164: string,
  opts: {
    name?: string;
    optedOut?: boolean;
    attributes?: Record<string, string>;
    tagId?: string;
  } = {},
): Promise<string> {
  const id = `c-${phoneE164.slice(1)}`;
  await ex
    .insertInto('contacts')
    .values({
      id,
      waId: phoneE164.slice(1),
      phoneE164,
      profileName: opts.name ?? null,
      isOptedOut: opts.optedOut === true ? 1 : 0,
      attributes: JSON.stringify(opts.attributes ?? {}),
      createdAt: 1,
      updatedAt: 1,
    })
    .execute();
  if (opts.tagId !== undefined)
    await ex
      .insertInto('contactTags')
      .values({ contactId: id, tagId: opts.tagId, createdAt: 1 })
      .execute();
  return id;
}

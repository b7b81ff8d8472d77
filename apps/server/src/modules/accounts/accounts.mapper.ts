import type {
  AccountDto,
  ConnectionError,
  HealthEventDto,
  PhoneNumberDto,
  QualityRating,
} from '@kiana/contracts';
import { connectionErrorSchema } from '@kiana/contracts';
import type { AccountRow, HealthEventRow, PhoneNumberRow, WebhookHealthRow } from './accounts.repo';
import { secretHint } from '../../crypto/envelope';

/** The webhook fields the panel handles; shown in set-up help as the ones to subscribe. */
export const webhookFields = [
  'messages',
  'message_template_status_update',
  'message_template_quality_update',
  'template_category_update',
  'phone_number_quality_update',
  'account_update',
  'business_capability_update',
  'user_preferences',
] as const;

// Since 7 October 2025 the portfolio tiers are 250, 2K, 10K, 100K and unlimited: the 50 and
// 1K tiers are gone (Meta's messaging-limits page; NOTES §6.2). A legacy value is shown raw.
const tierLabels: Record<string, string> = {
  TIER_250: '250',
  TIER_2K: '2K',
  TIER_10K: '10K',
  TIER_100K: '100K',
  TIER_UNLIMITED: 'Unlimited',
  TIER_NOT_SET: 'Not set',
};

/** `TIER_2K` → `2K`; unknown tiers are shown as Meta named them. */
export function tierLabel(tier: string | null): string | null {
  if (tier === null) return null;
  return tierLabels[tier] ?? tier;
}

const tierOrder = ['TIER_250', 'TIER_2K', 'TIER_10K', 'TIER_100K', 'TIER_UNLIMITED'];

/** Compares two tiers: negative when `a` is lower (unknown tiers compare as equal). */
export function compareTiers(a: string | null, b: string | null): number {
  const ia = tierOrder.indexOf(a ?? '');
  const ib = tierOrder.indexOf(b ?? '');
  return ia < 0 || ib < 0 ? 0 : ia - ib;
}

const qualityRank: Record<string, number> = { GREEN: 3, YELLOW: 2, RED: 1 };

/** Meta sends GREEN/YELLOW/RED, and NA or UNKNOWN for a number without enough traffic. */
export function normaliseQuality(rating: string | null | undefined): QualityRating {
  return rating === 'GREEN' || rating === 'YELLOW' || rating === 'RED' ? rating : 'UNKNOWN';
}

/** True when the rating went down (GREEN→YELLOW, YELLOW→RED, GREEN→RED). */
export function isQualityDrop(previous: string | null, current: string | null): boolean {
  const p = qualityRank[previous ?? ''];
  const c = qualityRank[current ?? ''];
  return p !== undefined && c !== undefined && c < p;
}

const iso = (ms: number | null | undefined): string | null =>
  ms === null || ms === undefined ? null : new Date(Number(ms)).toISOString();

/** A phone number row as the API shows it. */
export function toPhoneNumberDto(row: PhoneNumberRow): PhoneNumberDto {
  return {
    id: row.id,
    accountId: row.accountId,
    phoneNumberId: row.phoneNumberId,
    displayPhoneNumber: row.displayPhoneNumber,
    verifiedName: row.verifiedName,
    qualityRating: normaliseQuality(row.qualityRating),
    throughputLevel: row.throughputLevel,
    nameStatus: row.nameStatus,
    status: row.status,
    refreshedAt: new Date(Number(row.refreshedAt)).toISOString(),
  };
}

function parseConnectionError(text: string | null): ConnectionError | null {
  if (text === null) return null;
  const parsed = connectionErrorSchema.safeParse(JSON.parse(text));
  return parsed.success ? parsed.data : null;
}

/** An account row as the API shows it: secrets only as `{ isSet, hint }`. */
export function toAccountDto(
  row: AccountRow,
  extra: {
    numbers: PhoneNumberRow[];
    webhook: WebhookHealthRow | undefined;
    plainAccessToken: string | null;
    plainAppSecret: string | null;
    verifyToken: string | null;
    callbackUrl: string;
  },
): AccountDto {
  const status = row.connectionStatus;
  return {
    id: row.id,
    name: row.name,
    wabaId: row.wabaId,
    appId: row.appId,
    apiVersion: row.apiVersion,
    accessToken: secretHint(extra.plainAccessToken),
    appSecret: secretHint(extra.plainAppSecret),
    connectionStatus: status === 'connected' || status === 'error' ? status : 'unknown',
    connectionError: parseConnectionError(row.connectionError),
    checkedAt: iso(row.checkedAt),
    wabaName: row.wabaName,
    messagingLimitTier: row.messagingLimitTier,
    messagingLimit: tierLabel(row.messagingLimitTier),
    reviewStatus: row.reviewStatus,
    restriction: row.restriction,
    phoneNumbers: extra.numbers.map(toPhoneNumberDto),
    webhook: {
      callbackUrl: extra.callbackUrl,
      verifyToken: extra.verifyToken,
      fields: [...webhookFields],
      lastReceivedAt: iso(extra.webhook?.lastReceivedAt),
      lastSignatureFailureAt: iso(extra.webhook?.lastSignatureFailureAt),
    },
    createdAt: new Date(Number(row.createdAt)).toISOString(),
    updatedAt: new Date(Number(row.updatedAt)).toISOString(),
  };
}

/** A health event row as the API shows it. */
export function toHealthEventDto(row: HealthEventRow): HealthEventDto {
  const severity =
    row.severity === 'warning' || row.severity === 'critical' ? row.severity : 'info';
  return {
    id: row.id,
    accountId: row.accountId,
    phoneNumberId: row.phoneNumberId,
    kind: row.kind,
    previousValue: row.previousValue,
    newValue: row.newValue,
    severity,
    source: row.source,
    message: row.message,
    at: new Date(Number(row.at)).toISOString(),
    acknowledgedAt: iso(row.acknowledgedAt),
  };
}

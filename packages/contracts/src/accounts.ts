import { z } from 'zod';

// Settings → WhatsApp: accounts, phone numbers, their health and the webhook set-up.

/** Graph API versions the panel offers; `v23.0` is the one this panel was built against. */
export const graphApiVersions = ['v23.0', 'v22.0', 'v24.0'] as const;
export const defaultGraphApiVersion = 'v23.0';
/** Only the versions the client is built for: any other makes every later Graph call fail. */
export const graphApiVersionSchema = z
  .string()
  .refine((v) => (graphApiVersions as readonly string[]).includes(v), {
    message: `must be one of ${graphApiVersions.join(', ')}`,
  });
/**
 * A credential sent in an HTTP header or used as a key: printable ASCII without spaces. A
 * control character would make undici refuse every request made with it.
 */
const credential = (min: number, max: number) =>
  z
    .string()
    .trim()
    .min(min)
    .max(max)
    .regex(/^[\x21-\x7e]+$/, 'must hold only printable characters, without spaces');

/** What the API shows of a write-only secret. */
export const secretStateSchema = z.object({ isSet: z.boolean(), hint: z.string().nullable() });
export type SecretState = z.infer<typeof secretStateSchema>;

/** Why a connection check failed, each with its own message for the user. */
export const connectionErrorKindSchema = z.enum([
  'invalid_token',
  'missing_permission',
  'wrong_waba_id',
  'unreachable',
  'rate_limited',
  'meta_error',
]);
export type ConnectionErrorKind = z.infer<typeof connectionErrorKindSchema>;

export const connectionErrorSchema = z.object({
  kind: connectionErrorKindSchema,
  message: z.string(),
  metaCode: z.number().nullable(),
});
export type ConnectionError = z.infer<typeof connectionErrorSchema>;

export const qualityRatingSchema = z.enum(['GREEN', 'YELLOW', 'RED', 'UNKNOWN']);
export type QualityRating = z.infer<typeof qualityRatingSchema>;

export const phoneNumberDtoSchema = z.object({
  id: z.string(),
  accountId: z.string(),
  phoneNumberId: z.string(),
  displayPhoneNumber: z.string(),
  verifiedName: z.string().nullable(),
  qualityRating: qualityRatingSchema,
  throughputLevel: z.string().nullable(),
  nameStatus: z.string().nullable(),
  status: z.string().nullable(),
  refreshedAt: z.string(),
});
export type PhoneNumberDto = z.infer<typeof phoneNumberDtoSchema>;

export const webhookSetupSchema = z.object({
  callbackUrl: z.string(),
  /** Shown so it can be pasted into Meta's app dashboard; not a credential towards Meta. */
  verifyToken: z.string().nullable(),
  fields: z.array(z.string()),
  lastReceivedAt: z.string().nullable(),
  lastSignatureFailureAt: z.string().nullable(),
});
export type WebhookSetup = z.infer<typeof webhookSetupSchema>;

export const accountDtoSchema = z.object({
  id: z.string(),
  name: z.string(),
  wabaId: z.string(),
  appId: z.string().nullable(),
  apiVersion: z.string(),
  accessToken: secretStateSchema,
  appSecret: secretStateSchema,
  connectionStatus: z.enum(['unknown', 'connected', 'error']),
  connectionError: connectionErrorSchema.nullable(),
  checkedAt: z.string().nullable(),
  wabaName: z.string().nullable(),
  /** Raw tier (`TIER_2K`) and its label (`2K`). */
  messagingLimitTier: z.string().nullable(),
  messagingLimit: z.string().nullable(),
  reviewStatus: z.string().nullable(),
  restriction: z.string().nullable(),
  phoneNumbers: z.array(phoneNumberDtoSchema),
  webhook: webhookSetupSchema,
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type AccountDto = z.infer<typeof accountDtoSchema>;
export const accountListSchema = z.object({ accounts: z.array(accountDtoSchema) });

const wabaId = z
  .string()
  .trim()
  .regex(/^\d{5,20}$/, 'a WABA id is a number of 5 to 20 digits');
const optionalText = z
  .string()
  .trim()
  .max(200)
  .optional()
  .transform((v) => (v === '' ? undefined : v));

export const createAccountBodySchema = z.object({
  name: z.string().trim().min(1).max(100),
  wabaId,
  appId: optionalText,
  apiVersion: graphApiVersionSchema.default(defaultGraphApiVersion),
  accessToken: credential(10, 1000),
  appSecret: credential(8, 200),
  /** Generated when left out. */
  verifyToken: z.string().trim().min(8).max(200).optional(),
});
export type CreateAccountBody = z.input<typeof createAccountBodySchema>;

/** Every field optional; a secret left out keeps its stored value. */
export const updateAccountBodySchema = z.object({
  name: z.string().trim().min(1).max(100).optional(),
  wabaId: wabaId.optional(),
  appId: z.string().trim().max(200).nullable().optional(),
  apiVersion: graphApiVersionSchema.optional(),
  accessToken: credential(10, 1000).optional(),
  appSecret: credential(8, 200).optional(),
  verifyToken: z.string().trim().min(8).max(200).optional(),
  /** True: a fresh random verify token replaces the current one. */
  regenerateVerifyToken: z.boolean().optional(),
});
export type UpdateAccountBody = z.input<typeof updateAccountBodySchema>;

export const connectionTestResultSchema = z.object({
  ok: z.boolean(),
  message: z.string(),
  error: connectionErrorSchema.nullable(),
  wabaName: z.string().nullable(),
  phoneNumbers: z.number().int(),
});
export type ConnectionTestResult = z.infer<typeof connectionTestResultSchema>;

export const healthEventDtoSchema = z.object({
  id: z.string(),
  accountId: z.string(),
  phoneNumberId: z.string().nullable(),
  kind: z.string(),
  previousValue: z.string().nullable(),
  newValue: z.string().nullable(),
  severity: z.enum(['info', 'warning', 'critical']),
  source: z.string(),
  message: z.string(),
  at: z.string(),
  acknowledgedAt: z.string().nullable(),
});
export type HealthEventDto = z.infer<typeof healthEventDtoSchema>;
export const healthEventListSchema = z.object({ events: z.array(healthEventDtoSchema) });

import { z } from 'zod';
import { calendarSchema, panelLanguageSchema } from './languages';

/** The four roles, from most to least powerful. */
export const roles = ['owner', 'admin', 'agent', 'viewer'] as const;
export const roleSchema = z.enum(roles);
export type Role = z.infer<typeof roleSchema>;

/** Every permission a route can require; the server's matrix maps roles and API-key scopes onto them. */
export const permissions = [
  'credentials.manage',
  'templates.read',
  'templates.manage',
  'contacts.read',
  'contacts.manage',
  'campaigns.read',
  'campaigns.write',
  'campaigns.launch',
  'campaigns.approve',
  'conversations.read',
  'conversations.reply',
  'logs.read',
  'users.manage',
  'settings.manage',
  'security.manage',
  'privacy.read',
  'privacy.execute',
  'audit.read',
  'apikeys.manage',
  'analytics.read',
  'jobs.manage',
] as const;
export const permissionSchema = z.enum(permissions);
export type Permission = z.infer<typeof permissionSchema>;

/** What an integration's API key may do. */
export const apiKeyScopes = ['read', 'send', 'manage'] as const;
export const apiKeyScopeSchema = z.enum(apiKeyScopes);
export type ApiKeyScope = z.infer<typeof apiKeyScopeSchema>;

const username = z
  .string()
  .trim()
  .min(3)
  .max(64)
  .regex(/^[A-Za-z0-9._@-]+$/, 'letters, digits and . _ @ - only');
const password = z.string().min(1).max(1024);
const otpCode = z
  .string()
  .trim()
  .regex(/^\d{6}$/, 'a 6-digit code');
const recoveryCode = z.string().trim().min(8).max(32);
const timestamp = z.string().nullable();

/** A user as the API shows it; never a hash or a TOTP seed. */
export const userSchema = z.object({
  id: z.string(),
  username: z.string(),
  displayName: z.string(),
  role: roleSchema,
  isActive: z.boolean(),
  totpEnabled: z.boolean(),
  lastLoginAt: timestamp,
  lastLoginIp: z.string().nullable(),
  lastFailedLoginAt: timestamp,
  createdAt: z.string(),
  language: panelLanguageSchema.nullable(),
  timeZone: z.string().nullable(),
  calendar: calendarSchema.nullable(),
});
export type User = z.infer<typeof userSchema>;

/** `GET /auth/session`: who is signed in, or whether the first-run setup is still open. */
export const sessionStateSchema = z.discriminatedUnion('authenticated', [
  z.object({ authenticated: z.literal(false), needsSetup: z.boolean() }),
  z.object({
    authenticated: z.literal(true),
    user: userSchema,
    permissions: z.array(permissionSchema),
    /** Sent back as `x-csrf-token` on every state-changing request. */
    csrfToken: z.string(),
    /** The owner requires 2FA and this user has not enrolled yet: only the account page works. */
    mustEnrolTotp: z.boolean(),
    /** Failed sign-ins on this account in the last hour, from anywhere: it may be under attack. */
    recentFailedSignIns: z.number().int().min(0),
    expiresAt: z.string(),
  }),
]);
export type SessionState = z.infer<typeof sessionStateSchema>;

/** `POST /auth/setup`: creates the first owner; refused once any user exists. */
export const setupRequestSchema = z.object({
  username,
  displayName: z.string().trim().max(100).optional(),
  password,
});
export type SetupRequest = z.infer<typeof setupRequestSchema>;

/** `POST /auth/login`. The code is needed only when the user enrolled 2FA. */
export const loginRequestSchema = z.object({
  username: z.string().trim().min(1).max(64),
  password,
  totpCode: otpCode.optional(),
  recoveryCode: recoveryCode.optional(),
});
export type LoginRequest = z.infer<typeof loginRequestSchema>;

export const okSchema = z.object({ ok: z.literal(true) });

/** `PUT /auth/policy`: installation-wide security settings (owner only). */
export const securityPolicySchema = z.object({ requireTotp: z.boolean() });
export type SecurityPolicy = z.infer<typeof securityPolicySchema>;

export const createUserRequestSchema = z.object({
  username,
  displayName: z.string().trim().max(100).optional(),
  password,
  role: roleSchema,
});
export type CreateUserRequest = z.infer<typeof createUserRequestSchema>;

export const updateUserRequestSchema = z.object({
  displayName: z.string().trim().max(100).optional(),
  role: roleSchema.optional(),
  isActive: z.boolean().optional(),
  /** Set a new password for the user (an admin reset); ends their sessions. */
  password: password.optional(),
});
export type UpdateUserRequest = z.infer<typeof updateUserRequestSchema>;

export const changePasswordRequestSchema = z.object({
  currentPassword: password,
  newPassword: password,
});

/** `POST /account/totp/setup`: the pending secret, as a QR code and for manual entry. */
export const totpSetupSchema = z.object({
  otpauthUrl: z.string(),
  qrDataUrl: z.string(),
  secret: z.string(),
});
export type TotpSetup = z.infer<typeof totpSetupSchema>;

export const totpConfirmRequestSchema = z.object({ code: otpCode });
export const totpDisableRequestSchema = z.object({ password, code: otpCode });
export const recoveryCodesRequestSchema = z.object({ password });
/** One-time recovery codes, shown once. */
export const recoveryCodesSchema = z.object({ recoveryCodes: z.array(z.string()) });

export const sessionInfoSchema = z.object({
  id: z.string(),
  ip: z.string().nullable(),
  userAgent: z.string().nullable(),
  browser: z.string(),
  createdAt: z.string(),
  lastSeenAt: z.string(),
  isCurrent: z.boolean(),
});
export type SessionInfo = z.infer<typeof sessionInfoSchema>;
export const sessionListSchema = z.object({ sessions: z.array(sessionInfoSchema) });

export const apiKeySchema = z.object({
  id: z.string(),
  name: z.string(),
  prefix: z.string(),
  scopes: z.array(apiKeyScopeSchema),
  createdBy: z.string().nullable(),
  createdAt: z.string(),
  lastUsedAt: timestamp,
  expiresAt: timestamp,
  revokedAt: timestamp,
});
export type ApiKey = z.infer<typeof apiKeySchema>;
export const apiKeyListSchema = z.object({ apiKeys: z.array(apiKeySchema) });
export const createApiKeyRequestSchema = z.object({
  name: z.string().trim().min(1).max(100),
  scopes: z.array(apiKeyScopeSchema).min(1),
  expiresInDays: z.number().int().min(1).max(3650).optional(),
});
export type CreateApiKeyRequest = z.infer<typeof createApiKeyRequestSchema>;
/** The key itself is in `secret` and is never shown again. */
export const createdApiKeySchema = z.object({ apiKey: apiKeySchema, secret: z.string() });

export const auditOutcomes = ['success', 'failure', 'denied'] as const;
export const auditEntrySchema = z.object({
  id: z.string(),
  at: z.string(),
  actorType: z.enum(['user', 'api_key', 'system', 'anonymous']),
  actorId: z.string().nullable(),
  actorName: z.string().nullable(),
  action: z.string(),
  outcome: z.enum(auditOutcomes),
  targetType: z.string().nullable(),
  targetId: z.string().nullable(),
  ip: z.string().nullable(),
  userAgent: z.string().nullable(),
  details: z.record(z.string(), z.union([z.string(), z.number(), z.boolean(), z.null()])),
});
export type AuditEntry = z.infer<typeof auditEntrySchema>;

/** Filters of the security log; the same query drives the list and the CSV export. */
export const auditQuerySchema = z.object({
  action: z.string().max(100).optional(),
  actor: z.string().max(100).optional(),
  outcome: z.enum(auditOutcomes).optional(),
  ip: z.string().max(64).optional(),
  from: z.iso.datetime().optional(),
  to: z.iso.datetime().optional(),
  limit: z.coerce.number().int().min(1).max(500).default(100),
  offset: z.coerce.number().int().min(0).default(0),
});
export type AuditQuery = z.infer<typeof auditQuerySchema>;
export const auditPageSchema = z.object({ entries: z.array(auditEntrySchema), total: z.number() });

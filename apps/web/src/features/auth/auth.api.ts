import { z } from 'zod';
import {
  apiKeyListSchema,
  apiKeySchema,
  auditPageSchema,
  createdApiKeySchema,
  okSchema,
  recoveryCodesSchema,
  securityPolicySchema,
  sessionListSchema,
  sessionStateSchema,
  totpSetupSchema,
  userSchema,
  type AuditQuery,
  type CreateApiKeyRequest,
  type CreateUserRequest,
  type LoginRequest,
  type SetupRequest,
  type UpdateUserRequest,
  type UserPreferences,
} from '@kiana/contracts';
import { api } from '../../api/client';

/** The auth, account, users, API-key and security-log endpoints, typed by the contracts. */
export const authApi = {
  session: () => api.get('/auth/session', sessionStateSchema),
  setup: (body: SetupRequest) => api.post('/auth/setup', body, sessionStateSchema),
  login: (body: LoginRequest) => api.post('/auth/login', body, sessionStateSchema),
  logout: () => api.post('/auth/logout', undefined, okSchema),
  policy: () => api.get('/auth/policy', securityPolicySchema),
  setPolicy: (requireTotp: boolean) =>
    api.put('/auth/policy', { requireTotp }, securityPolicySchema),

  users: () => api.get('/users', z.object({ users: z.array(userSchema) })),
  createUser: (body: CreateUserRequest) => api.post('/users', body, userSchema),
  updateUser: (id: string, body: UpdateUserRequest) => api.patch(`/users/${id}`, body, userSchema),

  changePassword: (currentPassword: string, newPassword: string) =>
    api.post('/account/password', { currentPassword, newPassword }, okSchema),
  startTotp: () => api.post('/account/totp/setup', undefined, totpSetupSchema),
  confirmTotp: (code: string) => api.post('/account/totp/confirm', { code }, recoveryCodesSchema),
  disableTotp: (password: string, code: string) =>
    api.post('/account/totp/disable', { password, code }, okSchema),
  recoveryCodes: (password: string) =>
    api.post('/account/recovery-codes', { password }, recoveryCodesSchema),
  setPreferences: (body: UserPreferences) => api.put('/account/preferences', body, userSchema),
  sessions: () => api.get('/account/sessions', sessionListSchema),
  revokeSession: (id: string) => api.delete(`/account/sessions/${id}`, okSchema),
  revokeOtherSessions: () =>
    api.post('/account/sessions/revoke-others', undefined, z.object({ revoked: z.number() })),

  apiKeys: () => api.get('/api-keys', apiKeyListSchema),
  createApiKey: (body: CreateApiKeyRequest) => api.post('/api-keys', body, createdApiKeySchema),
  revokeApiKey: (id: string) => api.post(`/api-keys/${id}/revoke`, undefined, apiKeySchema),

  audit: (query: Partial<AuditQuery>) => api.get('/audit', auditPageSchema, query),
};

/** The CSV export URL for the same filters (a plain download; GET needs no CSRF token). */
export function auditExportUrl(query: Partial<AuditQuery>): string {
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries(query))
    if (v !== undefined && v !== '') params.set(k, String(v));
  const qs = params.toString();
  return `/api/v1/audit/export.csv${qs === '' ? '' : `?${qs}`}`;
}

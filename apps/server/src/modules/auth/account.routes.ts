import {
  changePasswordRequestSchema,
  okSchema,
  recoveryCodesRequestSchema,
  recoveryCodesSchema,
  sessionListSchema,
  totpConfirmRequestSchema,
  totpDisableRequestSchema,
  totpSetupSchema,
  userPreferencesSchema,
  userSchema,
} from '@kiana/contracts';
import { z } from 'zod';
import type { ZodApp } from '../../http/types';
import { auditContext } from '../../http/principal';
import type { AccountService } from './account.service';
import { userPrincipal } from './auth.routes';

const ok = { ok: true as const };

/** The signed-in user's own account: password, 2FA, recovery codes, sessions, language. */
export function accountRoutes(app: ZodApp, account: AccountService): void {
  const access = { access: 'user' as const };
  app.post(
    '/account/password',
    { config: access, schema: { body: changePasswordRequestSchema, response: { 200: okSchema } } },
    async (request) => {
      const { currentPassword, newPassword } = request.body;
      await account.changePassword(
        userPrincipal(request),
        currentPassword,
        newPassword,
        auditContext(request),
      );
      return ok;
    },
  );
  app.post(
    '/account/totp/setup',
    { config: access, schema: { response: { 200: totpSetupSchema } } },
    async (request) => account.startTotp(userPrincipal(request)),
  );
  app.post(
    '/account/totp/confirm',
    {
      config: access,
      schema: { body: totpConfirmRequestSchema, response: { 200: recoveryCodesSchema } },
    },
    async (request) => ({
      recoveryCodes: await account.confirmTotp(
        userPrincipal(request),
        request.body.code,
        auditContext(request),
      ),
    }),
  );
  app.post(
    '/account/totp/disable',
    { config: access, schema: { body: totpDisableRequestSchema, response: { 200: okSchema } } },
    async (request) => {
      await account.disableTotp(
        userPrincipal(request),
        request.body.password,
        request.body.code,
        auditContext(request),
      );
      return ok;
    },
  );
  app.post(
    '/account/recovery-codes',
    {
      config: access,
      schema: { body: recoveryCodesRequestSchema, response: { 200: recoveryCodesSchema } },
    },
    async (request) => ({
      recoveryCodes: await account.regenerateRecoveryCodes(
        userPrincipal(request),
        request.body.password,
        auditContext(request),
      ),
    }),
  );
  app.put(
    '/account/preferences',
    { config: access, schema: { body: userPreferencesSchema, response: { 200: userSchema } } },
    async (request) =>
      account.setPreferences(userPrincipal(request), request.body, auditContext(request)),
  );
  app.get(
    '/account/sessions',
    { config: access, schema: { response: { 200: sessionListSchema } } },
    async (request) => ({ sessions: await account.listSessions(userPrincipal(request)) }),
  );
  app.delete(
    '/account/sessions/:id',
    {
      config: access,
      schema: { params: z.object({ id: z.string().max(128) }), response: { 200: okSchema } },
    },
    async (request) => {
      await account.revokeSession(userPrincipal(request), request.params.id, auditContext(request));
      return ok;
    },
  );
  app.post(
    '/account/sessions/revoke-others',
    { config: access, schema: { response: { 200: z.object({ revoked: z.number() }) } } },
    async (request) => ({
      revoked: await account.revokeOtherSessions(userPrincipal(request), auditContext(request)),
    }),
  );
}

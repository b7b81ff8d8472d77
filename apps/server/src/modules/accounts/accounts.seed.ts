import type { AppContext } from '../../app-context';
import type { SeedStep } from '../../seed/seeder';
import type { AccountsService } from './accounts.service';
import { systemActor } from '../audit/audit.service';

/**
 * The simulator's default business account (apps/simulator defaults): demo mode points
 * `KIANA_GRAPH_URL` at the simulator, so these credentials work there and nowhere else.
 */
export const demoAccount = {
  name: 'Kiana Demo Store',
  wabaId: '102290129340398',
  appId: '1234567890123456',
  accessToken: 'sim_access_token',
  appSecret: 'sim_app_secret_123',
  verifyToken: 'sim_verify_token_123',
} as const;

/** Demo seed: connects the simulator's account and reads its phone numbers. */
export function demoAccountSeed(ctx: AppContext, accounts: AccountsService): SeedStep {
  return {
    key: 'accounts.demo-account',
    async apply() {
      // Re-runnable: a crash after the insert and before the seed record leaves the account.
      const existing = await accounts.findAccountByWabaId(demoAccount.wabaId);
      const id =
        existing?.id ??
        (
          await accounts.create(
            { ...demoAccount, apiVersion: 'v23.0' },
            { actor: systemActor('demo seed') },
          )
        ).id;
      const result = await accounts.testConnection(id);
      if (!result.ok)
        ctx.logger.warn({ reason: result.message }, 'demo account could not reach the simulator');
    },
  };
}

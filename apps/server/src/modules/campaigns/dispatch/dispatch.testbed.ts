import type { AccountDto } from '@kiana/contracts';
import type { SimulatorOptions } from '@kiana/simulator';
import type { Clock } from '../../../platform/clock';
import {
  SIM,
  startTestbed,
  templatesServiceOf,
  type WhatsAppTestbed,
} from '../../accounts/accounts.testkit';
import { insertRunningCampaign } from './dispatch.testkit';

// Apart from dispatch.testkit.ts, which the benches import too: this one brings the test
// harness (vitest's provided PostgreSQL) with it.

/**
 * A testbed whose simulator sends its webhooks to the panel's own listening server (so
 * statuses flow back through intake), with the simulator's account connected and its
 * templates synced: what every dispatcher test against the simulator starts from.
 */
export async function startDispatchBed(
  options: SimulatorOptions,
  panel: { clock?: (sim: WhatsAppTestbed['sim']) => Clock } = {},
): Promise<{ bed: WhatsAppTestbed; account: AccountDto }> {
  const bed = await startTestbed(options, {}, panel);
  await bed.t.app.listen({ host: '127.0.0.1', port: 0 });
  const address = bed.t.app.server.address();
  const port = typeof address === 'object' && address !== null ? address.port : 0;
  bed.sim.control.setWebhookUrl(`http://127.0.0.1:${port}/webhooks/whatsapp`);
  const account = await bed.connect();
  await templatesServiceOf(bed.t).sync(account.id);
  return { bed, account };
}

/** A running campaign of the simulator's `hello_world` (utility) to `phones` on its number. */
export async function launchHelloCampaign(
  b: WhatsAppTestbed,
  accountId: string,
  phones: readonly string[],
): Promise<string> {
  const templates = await templatesServiceOf(b.t).list({ accountId });
  const hello = templates.find((t) => t.name === 'hello_world');
  if (hello === undefined) throw new Error('hello_world not synced');
  return insertRunningCampaign(b.t.ctx.db.kysely, {
    accountId,
    phoneNumberId: SIM.phoneId,
    template: { id: hello.id, name: hello.name, language: hello.language, category: 'UTILITY' },
    phones,
    now: b.t.ctx.clock.now(),
  });
}

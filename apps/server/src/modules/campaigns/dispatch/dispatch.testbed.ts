import type { AccountDto } from '@kiana/contracts';
import type { SimulatorOptions } from '@kiana/simulator';
import type { Clock } from '../../../platform/clock';
import {
  startTestbed,
  templatesServiceOf,
  type WhatsAppTestbed,
} from '../../accounts/accounts.testkit';

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

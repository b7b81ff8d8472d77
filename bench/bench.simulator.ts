/** Starts the in-process simulator the way ceiling benchmarks need it: no limits, no webhooks. */
import { DEFAULT_ACCESS_TOKEN, defaultSeed, startSimulator } from '@kiana/simulator';

export interface CeilingSimulator {
  url: string;
  accessToken: string;
  phoneNumberId: string;
  /** Seeded customers on WhatsApp, to spread sends over a few recipients. */
  recipients: string[];
  /** Clears stored messages and limiter state between rounds. */
  reset(): Promise<void>;
  close(): Promise<void>;
}

/** A simulator with throughput, pair and tier limits off and no webhook URL (nothing is POSTed). */
export async function startCeilingSimulator(): Promise<CeilingSimulator> {
  const seed = defaultSeed();
  const phone = seed.phoneNumbers[0];
  if (phone === undefined) throw new Error('the simulator seed has no phone number');
  const sim = await startSimulator({
    limits: { throughputEnabled: false, pairEnabled: false, tierEnabled: false },
    faults: {},
    // Keep the oracle small: a round stores tens of thousands of messages.
    maxStoredMessages: 10_000,
  });
  return {
    url: sim.url,
    accessToken: DEFAULT_ACCESS_TOKEN,
    phoneNumberId: phone.id,
    recipients: seed.customers.filter((c) => c.onWhatsApp !== false).map((c) => c.waId),
    reset: () => {
      sim.control.reset();
      return Promise.resolve();
    },
    close: () => sim.close(),
  };
}

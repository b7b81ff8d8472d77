import type { SimContext } from '../context';
import { deliverInbound, type InboundDraft } from './inbound';

// Background chatter for the demo: every `chatterIntervalMs` a random simulated customer
// writes something to a random business number.

const lines = [
  'Hi! Do you ship to my city?',
  'What are your opening hours?',
  'Olá! Vocês têm esse modelo em azul?',
  '¿Tienen envío gratis? 🚚',
  'Can I change my delivery address?',
  'Thanks, got it 👍',
];

/** Starts the chatter loop; returns a stop function. */
export function startChatter(ctx: SimContext): () => void {
  let timer: NodeJS.Timeout | undefined;
  const tick = (): void => {
    const interval = ctx.settings.behaviour.chatterIntervalMs;
    timer = setTimeout(tick, interval > 0 ? interval : 1000);
    timer.unref();
    if (interval <= 0) return;
    const customers = [...ctx.store.customers.values()].filter((c) => c.onWhatsApp !== false);
    const numbers = [...ctx.store.numbers.values()];
    const customer = customers[Math.floor(ctx.random() * customers.length)];
    const phone = numbers[Math.floor(ctx.random() * numbers.length)];
    if (customer === undefined || phone === undefined) return;
    const body = lines[Math.floor(ctx.random() * lines.length)] ?? 'Hi';
    const draft: InboundDraft = { type: 'text', text: { body } };
    deliverInbound(ctx, phone, customer.waId, draft);
  };
  tick();
  return () => clearTimeout(timer);
}

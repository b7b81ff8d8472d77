import type { Harness, GraphBody } from './harness';
import { PHONE_ID } from './harness';
import { statusesOf } from './webhook-receiver';

// Small builders and probes shared by the simulator's behaviour tests.

/** A template send body. */
export function templateBody(
  to: string,
  name = 'hello_world',
  language = 'en_US',
  components?: unknown[],
): Record<string, unknown> {
  return {
    messaging_product: 'whatsapp',
    to,
    type: 'template',
    template: { name, language: { code: language }, ...(components ? { components } : {}) },
  };
}

/** A free-form text send body. */
export function textBody(to: string, body = 'Hello'): Record<string, unknown> {
  return { messaging_product: 'whatsapp', to, type: 'text', text: { body } };
}

/** POSTs a send to a number (the first seeded one by default). */
export function send(
  h: Harness,
  body: unknown,
  options: { version?: string; phoneId?: string; path?: string } = {},
): Promise<{ status: number; body: GraphBody }> {
  const { version = 'v23.0', phoneId = PHONE_ID, path = 'messages' } = options;
  return h.graph('POST', `/${version}/${phoneId}/${path}`, body);
}

/** Status names a message received, in arrival order (after everything is flushed). */
export async function statusTrail(h: Harness, messageId: string): Promise<string[]> {
  await h.sim.control.flush();
  return statusesOf(h.receiver.received)
    .filter((s) => s.id === messageId)
    .map((s) => String(s.status));
}

/** The error code of the message's failed status, if it failed. */
export async function failedCode(h: Harness, messageId: string): Promise<number | undefined> {
  await h.sim.control.flush();
  const failed = statusesOf(h.receiver.received).find(
    (s) => s.id === messageId && s.status === 'failed',
  );
  return (failed?.errors as { code: number }[] | undefined)?.[0]?.code;
}

/** The wamid of an accepted send (throws with the body otherwise). */
export function idOf(res: { status: number; body: GraphBody }): string {
  const id = (res.body.messages as { id?: string }[] | undefined)?.[0]?.id;
  if (res.status !== 200 || id === undefined) throw new Error(JSON.stringify(res.body));
  return id;
}

import { request } from 'undici';
import { startSimulator, type RunningSimulator, type SimulatorOptions } from '../index';
import { startWebhookReceiver, type WebhookReceiver } from './webhook-receiver';

// A simulator wired to a webhook receiver, with fast statuses, for tests.

export const TEST_TOKEN = 'sim_access_token';
export const TEST_SECRET = 'sim_app_secret_123';
export const PHONE_ID = '106540352242922';
export const WABA_ID = '102290129340398';

export interface Harness {
  sim: RunningSimulator;
  receiver: WebhookReceiver;
  /** Calls the Graph API with the test token; returns status and parsed JSON. */
  graph(
    method: string,
    path: string,
    body?: unknown,
    token?: string | null,
  ): Promise<{ status: number; body: GraphBody; headers: Record<string, unknown> }>;
  /** Moves the simulator's clock forward (service window, limits, caps, expiries). */
  advanceClock(ms: number): number;
  close(): Promise<void>;
}

// Graph answers are JSON objects whose shape each test asserts.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type GraphBody = Record<string, any>;

/** Starts a simulator whose webhooks go to a fresh receiver. */
export async function startHarness(options: SimulatorOptions = {}): Promise<Harness> {
  const receiver = await startWebhookReceiver(options.appSecret ?? TEST_SECRET);
  const sim = await startSimulator({
    webhookUrl: receiver.url,
    clockFactor: 100_000,
    randomSeed: 42,
    ...options,
    statuses: {
      sentLatencyMs: 5,
      deliveredLatencyMs: 15,
      readLatencyMs: 30,
      readProbability: 1,
      batchWindowMs: 5,
      ...options.statuses,
    },
    review: { delayMs: 20, ...options.review },
  });
  return {
    sim,
    receiver,
    async graph(method, path, body, token = TEST_TOKEN) {
      const res = await request(`${sim.url}${path}`, {
        method: method as 'GET',
        headers: {
          ...(token !== null ? { authorization: `Bearer ${token}` } : {}),
          ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
        },
        body: body !== undefined ? JSON.stringify(body) : undefined,
      });
      const text = await res.body.text();
      return {
        status: res.statusCode,
        body: (text === '' ? {} : JSON.parse(text)) as GraphBody,
        headers: res.headers,
      };
    },
    advanceClock(ms) {
      return sim.control.advanceClock(ms);
    },
    async close() {
      await sim.close();
      await receiver.close();
    },
  };
}

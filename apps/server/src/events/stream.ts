import type { Permission } from '@kiana/contracts';
import type { BusEvent, EventBus, EventName } from './bus';
import type { ZodApp } from '../http/types';
import { fileResponse } from '../http/openapi.responses';
import { principalOf, type Principal } from '../http/principal';
import { ForbiddenError } from '../errors';
import { EventReplayBuffer, type ReplayEntry } from './replay';
import '../modules/accounts/accounts.events';
import '../modules/automations/automations.events';
import '../modules/campaigns/campaigns.events';
import '../modules/contacts/contacts.events';
import '../modules/contacts/imports/imports.events';
import '../modules/conversations/conversations.events';
import '../modules/conversations/inbox.events';
import '../modules/templates/templates.events';
import '../modules/webhooks/webhooks.events';

const HEARTBEAT_MS = 15_000;

/**
 * The permission a principal needs to receive each kind of event: the one that lets it read
 * the same data through the API. A kind not listed here is never streamed (internal events
 * such as cache invalidations, and any kind added without deciding who may see it).
 */
export const streamPermissions: Partial<Record<EventName, Permission>> = {
  'messages.status': 'conversations.read',
  'messages.received': 'conversations.read',
  'messages.media': 'conversations.read',
  'conversations.changed': 'conversations.read',
  'conversations.message': 'conversations.read',
  'conversations.typing': 'conversations.read',
  'agents.availability': 'conversations.read',
  'contacts.consent': 'contacts.read',
  'contacts.import.progress': 'contacts.read',
  'campaigns.changed': 'campaigns.read',
  'campaigns.progress': 'campaigns.read',
  'templates.changed': 'templates.read',
  'webhooks.event': 'logs.read',
  'webhooks.signature_failure': 'logs.read',
  'accounts.changed': 'settings.manage',
  'accounts.health': 'settings.manage',
  'accounts.quality_dropped': 'settings.manage',
  'accounts.webhook': 'settings.manage',
};

/**
 * Kinds that only matter the moment they happen ("Ana is typing"): a reconnecting client is
 * not sent them again, as a stale one would show a warning about a moment long gone.
 */
export const ephemeralEvents: ReadonlySet<EventName> = new Set<EventName>(['conversations.typing']);

/** Whether a principal may receive an event. */
export function mayReceive(principal: Principal, event: Pick<BusEvent, 'name'>): boolean {
  const needed = streamPermissions[event.name];
  return needed !== undefined && principal.permissions.has(needed);
}

/** Sent instead of the missed events when they cannot be replayed: the client refetches. */
export const STREAM_RESET = 'stream.reset';

/**
 * `GET /api/v1/events/stream`: the event bus as server-sent events, each principal seeing
 * only the kinds its permissions allow; a user held back by the owner's 2FA policy gets none.
 * Each event is one `data:` line of `{ name, payload, at }` with an `id:`; a comment line
 * every 15 s keeps proxies from closing an idle stream. A client reconnecting with
 * `Last-Event-ID` (EventSource sends it by itself) first receives what it missed, or one
 * `stream.reset` event when that is no longer known (another process, a restart, too old).
 */
export function eventStreamRoutes(app: ZodApp, bus: EventBus): void {
  const replay = new EventReplayBuffer(bus);
  const open = new Set<() => void>();
  // A stream is never idle, so shutdown would wait for it forever: end them all first.
  app.addHook('preClose', async () => {
    for (const end of [...open]) end();
  });
  app.get(
    '/events/stream',
    {
      config: { access: 'authenticated' },
      schema: {
        tags: ['Events'],
        description:
          'Live events as server-sent events: one `data:` line of `{ name, payload, at }` each, with an `id:`. Reconnecting with the `Last-Event-ID` header replays the events missed since that id, or sends one `stream.reset` event when they are no longer known (refetch then).',
        response: { 200: fileResponse('text/event-stream', 'A stream of server-sent events') },
      },
      logLevel: 'warn',
    },
    async (request, reply) => {
      const principal = principalOf(request);
      // `authenticated` routes skip the 2FA-enrolment gate (the account page needs them);
      // the stream carries data, so it applies here.
      if (principal.kind === 'user' && principal.mustEnrolTotp)
        throw new ForbiddenError(
          'Set up two-factor authentication first',
          'totp_enrolment_required',
        );
      reply.hijack();
      const res = reply.raw;
      res.writeHead(200, {
        'content-type': 'text/event-stream; charset=utf-8',
        'cache-control': 'no-store, no-transform',
        connection: 'keep-alive',
        'x-accel-buffering': 'no',
      });
      const send = ({ seq, event }: ReplayEntry): void => {
        if (!mayReceive(principal, event)) return;
        res.write(
          `id: ${replay.idOf(seq)}\nevent: ${event.name}\ndata: ${JSON.stringify(event)}\n\n`,
        );
      };
      const lastEventId = request.headers['last-event-id'];
      // An id without an event: a client that receives nothing still reconnects with it.
      res.write(`: connected\nid: ${replay.lastId}\n\n`);
      if (typeof lastEventId === 'string' && lastEventId !== '') {
        const missed = replay.since(lastEventId);
        if (missed.kind === 'gap') {
          const reset = { name: STREAM_RESET, payload: null, at: Date.now() };
          res.write(
            `id: ${replay.lastId}\nevent: ${STREAM_RESET}\ndata: ${JSON.stringify(reset)}\n\n`,
          );
        } else {
          for (const entry of missed.entries)
            if (!ephemeralEvents.has(entry.event.name)) send(entry);
        }
      }
      // Replayed and subscribed in one tick: no event can fall between the two.
      const unsubscribe = replay.subscribe(send);
      const heartbeat = setInterval(() => res.write(': ping\n\n'), HEARTBEAT_MS);
      heartbeat.unref();
      const stop = (): void => {
        clearInterval(heartbeat);
        unsubscribe();
        open.delete(end);
      };
      const end = (): void => {
        stop();
        res.end();
      };
      open.add(end);
      request.raw.on('close', stop);
      res.on('error', stop);
    },
  );
}

import { useCallback, useEffect, useRef, useState } from 'react';
import type { TypingEvent } from '@kiana/contracts';
import { sendTyping } from './inbox-settings.api';

/** A teammate's notice is shown this long after the last one: they stopped if none follows. */
export const TYPING_SHOWN_MS = 10_000;
/** While the agent types, a notice goes out at most this often (each keeps the warning up). */
export const TYPING_NOTICE_EVERY_MS = 3_000;

/** Who else is typing where: conversation id → user id → name and when the notice lapses. */
export type TypingState = ReadonlyMap<
  string,
  ReadonlyMap<string, { displayName: string; until: number }>
>;

/** The state after a teammate's notice; the agent's own notices (another tab) are not shown. */
export function applyTyping(
  state: TypingState,
  event: TypingEvent,
  me: string,
  now: number,
): TypingState {
  if (event.userId === me) return state;
  // Lapsed notices go at each change, so the state never grows past who types now.
  const next = new Map<string, Map<string, { displayName: string; until: number }>>();
  for (const [id, typers] of state) {
    const live = new Map([...typers].filter(([, n]) => n.until > now));
    if (live.size > 0) next.set(id, live);
  }
  const inConversation = new Map(next.get(event.conversationId) ?? []);
  if (event.isTyping)
    inConversation.set(event.userId, {
      displayName: event.displayName,
      until: now + TYPING_SHOWN_MS,
    });
  else inConversation.delete(event.userId);
  if (inConversation.size === 0) next.delete(event.conversationId);
  else next.set(event.conversationId, inConversation);
  return next;
}

/** The names of the teammates typing in a conversation right now, in a stable order. */
export function typersIn(state: TypingState, conversationId: string, now: number): string[] {
  return [...(state.get(conversationId)?.values() ?? [])]
    .filter((n) => n.until > now)
    .map((n) => n.displayName)
    .sort((a, b) => a.localeCompare(b));
}

/**
 * The teammates' typing notices, fed by the page's event stream (`onEvent`); re-renders as
 * notices lapse so a warning goes away after a short silence by itself.
 */
export function useTypingNotices(me: string) {
  const [state, setState] = useState<TypingState>(new Map());
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    if (state.size === 0) return;
    const timer = setInterval(() => setNow(Date.now()), 1_000);
    return () => clearInterval(timer);
  }, [state.size]);
  const onEvent = useCallback(
    (event: TypingEvent) => {
      const at = Date.now();
      setNow(at);
      setState((s) => applyTyping(s, event, me, at));
    },
    [me],
  );
  const of = useCallback(
    (conversationId: string) => typersIn(state, conversationId, now),
    [state, now],
  );
  return { onEvent, of };
}

/** While the agent holds a draft in the focused composer, a notice goes out this often. */
export const DRAFT_NOTICE_EVERY_MS = 4_000;

/**
 * The composer's side: `typed()` on each change sends a notice at most every few seconds, and
 * so does a draft held in the focused composer (`isDrafting`: the agent is still answering);
 * `stopped()` (after a send, and when the composer closes) ends the teammates' warning at once.
 */
export function useTypingReporter(conversationId: string, isDrafting: boolean) {
  const sentAt = useRef(0);
  const typed = useCallback(() => {
    const at = Date.now();
    if (at - sentAt.current < TYPING_NOTICE_EVERY_MS) return;
    sentAt.current = at;
    sendTyping(conversationId, true).catch(() => undefined);
  }, [conversationId]);
  const stopped = useCallback(() => {
    if (sentAt.current === 0) return;
    sentAt.current = 0;
    sendTyping(conversationId, false).catch(() => undefined);
  }, [conversationId]);
  useEffect(() => {
    if (!isDrafting) return;
    const timer = setInterval(typed, DRAFT_NOTICE_EVERY_MS);
    return () => clearInterval(timer);
  }, [isDrafting, typed]);
  // Leaving the conversation (or the page) ends the notice.
  useEffect(() => stopped, [stopped]);
  return { typed, stopped };
}

/**
 * Meta does not act on a typed "STOP" or on a custom "Stop promotions" button: the
 * business must record the opt-out itself (NOTES §7). These words, alone in a message,
 * opt the sender out; RESUME-style words opt them back in.
 */
const STOP_WORDS = new Set([
  'STOP',
  'STOPALL',
  'STOP ALL',
  'STOP PROMOTIONS',
  'UNSUBSCRIBE',
  'CANCEL',
  'END',
  'QUIT',
  'OPTOUT',
  'OPT OUT',
  'PARAR',
  'BAJA',
  'SAIR',
  'ARRET',
  'ARRÊT',
  'STOPP',
]);
const START_WORDS = new Set(['START', 'UNSTOP', 'RESUME', 'SUBSCRIBE', 'OPTIN', 'OPT IN']);

function normalise(text: string): string {
  return text
    .trim()
    .replace(/[\s_-]+/g, ' ')
    .replace(/[.!¡?¿"'`]+/g, '')
    .toUpperCase();
}

/** `stop`, `start` or null for an inbound text or button text. */
export function consentKeyword(text: string | null | undefined): 'stop' | 'start' | null {
  if (text === null || text === undefined || text.length > 40) return null;
  const word = normalise(text);
  if (STOP_WORDS.has(word)) return 'stop';
  if (START_WORDS.has(word)) return 'start';
  return null;
}

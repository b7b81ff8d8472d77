import { z } from 'zod';
import { defineSetting } from '../../platform/settings/settings';

/**
 * Meta does not act on a typed "STOP" or on a custom "Stop promotions" button: the
 * business must record the opt-out itself (NOTES §7). These words, alone in a message or
 * as a button's text, opt the sender out; START-style words opt them back in. Defaults
 * cover English, Spanish, Portuguese, French, German, Arabic, Persian and romanised Hindi.
 */
const DEFAULT_STOP = [
  // en
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
  // es, pt
  'PARAR',
  'BAJA',
  'DAR DE BAJA',
  'CANCELAR',
  'SAIR',
  'DESCADASTRAR',
  // fr, de
  'ARRET',
  'ARRÊT',
  'DESABONNER',
  'STOPP',
  'ABMELDEN',
  // ar, fa
  'توقف',
  'إلغاء',
  'الغاء',
  'لغو',
  'توقف کن',
  // hi (romanised)
  'BAND KARO',
  'BAND',
];
const DEFAULT_START = [
  'START',
  'UNSTOP',
  'RESUME',
  'SUBSCRIBE',
  'OPTIN',
  'OPT IN',
  'ALTA',
  'INICIAR',
  'COMECAR',
  'COMEÇAR',
  'DEMARRER',
  'DÉMARRER',
  'ANMELDEN',
  'ابدأ',
  'اشتراک',
  'شروع',
  'SHURU',
];

const word = z.string().trim().min(1).max(40);

/** The words that opt a sender out (`stop`) or back in (`start`), any language. */
export const consentKeywordsSetting = defineSetting<{ stop: string[]; start: string[] }>({
  key: 'contacts.consentKeywords',
  schema: z.object({ stop: z.array(word).max(200), start: z.array(word).max(200) }),
  defaultValue: () => ({ stop: [...DEFAULT_STOP], start: [...DEFAULT_START] }),
});

export type ConsentKeywords = z.infer<typeof consentKeywordsSetting.schema>;

function normalise(text: string): string {
  return (
    text
      .normalize('NFC')
      .trim()
      .replace(/[\s_-]+/g, ' ')
      .replace(/[.!¡?¿"'`؟،]+/g, '')
      // Arabic and Persian keyboards type different yeh and kaf for the same word.
      .replace(/ي/g, 'ی')
      .replace(/ك/g, 'ک')
      .toUpperCase()
  );
}

const defaults = {
  stop: new Set(DEFAULT_STOP.map(normalise)),
  start: new Set(DEFAULT_START.map(normalise)),
};

/** `stop`, `start` or null for an inbound text or button text, against the given words. */
export function consentKeywordIn(
  text: string | null | undefined,
  words: ConsentKeywords | typeof defaults,
): 'stop' | 'start' | null {
  if (text === null || text === undefined || text.length > 40) return null;
  const t = normalise(text);
  const has = (list: Iterable<string>): boolean => {
    for (const w of list) if (normalise(w) === t) return true;
    return false;
  };
  if (has(words.stop)) return 'stop';
  if (has(words.start)) return 'start';
  return null;
}

/** `stop`, `start` or null for an inbound text or button text, against the default words. */
export function consentKeyword(text: string | null | undefined): 'stop' | 'start' | null {
  return consentKeywordIn(text, defaults);
}

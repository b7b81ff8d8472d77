import {
  consentKeywordSettingsSchema,
  type ConsentKeywordLanguage,
  type ConsentKeywordSettings,
} from '@kiana/contracts';
import { defineSetting } from '../../platform/settings/settings';

/**
 * Meta does not act on a typed "STOP" or on a custom "Stop promotions" button: the
 * business must record the opt-out itself (NOTES §7). These words, alone in a message or
 * as a button's text, opt the sender out; START-style words opt them back in. The defaults
 * cover English, Spanish, Portuguese, French, German, Arabic, Persian and romanised Hindi;
 * the admin edits them per language (Contacts → Keywords) with the confirmation replies.
 */
const lang = (
  language: string,
  stopWords: string[],
  startWords: string[],
  stopReply: string,
  startReply: string,
): ConsentKeywordLanguage => ({
  language,
  isEnabled: true,
  stopWords,
  startWords,
  stopReply,
  startReply,
});

const DEFAULT_LANGUAGES: readonly ConsentKeywordLanguage[] = [
  lang(
    'en',
    ['STOP', 'STOPALL', 'STOP ALL', 'STOP PROMOTIONS', 'UNSUBSCRIBE', 'CANCEL', 'END', 'QUIT'],
    ['START', 'UNSTOP', 'RESUME', 'SUBSCRIBE'],
    'You will no longer receive promotional messages from us. Reply START to subscribe again.',
    'You are subscribed to our messages again. Reply STOP to unsubscribe.',
  ),
  lang(
    'es',
    ['PARAR', 'BAJA', 'DAR DE BAJA', 'CANCELAR'],
    ['ALTA', 'INICIAR'],
    'Ya no recibirás mensajes promocionales. Responde ALTA para volver a suscribirte.',
    'Te has vuelto a suscribir a nuestros mensajes. Responde BAJA para darte de baja.',
  ),
  lang(
    'pt',
    ['SAIR', 'DESCADASTRAR', 'PARAR'],
    ['COMECAR', 'COMEÇAR', 'INICIAR'],
    'Você não receberá mais mensagens promocionais. Responda COMEÇAR para voltar a receber.',
    'Você voltou a receber nossas mensagens. Responda SAIR para cancelar.',
  ),
  lang(
    'fr',
    ['ARRET', 'ARRÊT', 'DESABONNER'],
    ['DEMARRER', 'DÉMARRER'],
    'Vous ne recevrez plus de messages promotionnels. Répondez DÉMARRER pour vous réabonner.',
    'Vous êtes de nouveau abonné à nos messages. Répondez ARRÊT pour vous désabonner.',
  ),
  lang(
    'de',
    ['STOPP', 'ABMELDEN'],
    ['ANMELDEN'],
    'Sie erhalten keine Werbenachrichten mehr. Antworten Sie ANMELDEN, um sie wieder zu erhalten.',
    'Sie erhalten unsere Nachrichten wieder. Antworten Sie STOPP, um sich abzumelden.',
  ),
  lang(
    'ar',
    ['توقف', 'إلغاء', 'الغاء'],
    ['ابدأ'],
    'لن تصلك رسائل ترويجية منا بعد الآن. أرسل ابدأ لإعادة الاشتراك.',
    'تمت إعادة اشتراكك في رسائلنا. أرسل توقف لإلغاء الاشتراك.',
  ),
  lang(
    'fa',
    ['لغو', 'توقف کن'],
    ['اشتراک', 'شروع'],
    'دیگر پیام تبلیغاتی از ما دریافت نمی‌کنید. برای اشتراک دوباره «شروع» را بفرستید.',
    'اشتراک شما دوباره فعال شد. برای لغو «لغو» را بفرستید.',
  ),
  lang(
    'hi',
    ['BAND KARO', 'BAND', 'OPTOUT', 'OPT OUT'],
    ['SHURU', 'OPTIN', 'OPT IN'],
    'Aapko ab hamare promotional sandesh nahin milenge. Dobara judne ke liye SHURU likhein.',
    'Aap phir se hamare sandesh paayenge. Band karne ke liye BAND likhein.',
  ),
];

/** The defaults: every language on; confirmations written but off until an admin turns them on. */
export function defaultConsentKeywords(): ConsentKeywordSettings {
  return {
    isEnabled: true,
    // Off by default: a reply is a message the business sends, so an admin opts in to it.
    isReplyEnabled: false,
    languages: DEFAULT_LANGUAGES.map((l) => ({
      ...l,
      stopWords: [...l.stopWords],
      startWords: [...l.startWords],
    })),
  };
}

/** The keyword rules per language and their confirmation replies (Contacts → Keywords). */
export const consentKeywordsSetting = defineSetting<ConsentKeywordSettings>({
  key: 'contacts.consentKeywordRules',
  schema: consentKeywordSettingsSchema,
  defaultValue: defaultConsentKeywords,
});

/** What an inbound text matched: the choice, the language's rule and its reply, if any. */
export interface KeywordMatch {
  keyword: 'stop' | 'start';
  language: string;
  /** The confirmation to send, or null (replies off, or no text for this language). */
  reply: string | null;
}

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

/**
 * The rule an inbound text or button text matches, or null. Stop words win over start words
 * across languages (an ambiguous word must never opt someone in); the first language wins.
 */
export function matchConsentKeyword(
  text: string | null | undefined,
  rules: ConsentKeywordSettings,
): KeywordMatch | null {
  if (text === null || text === undefined || text.length > 40 || !rules.isEnabled) return null;
  const t = normalise(text);
  const on = rules.languages.filter((l) => l.isEnabled);
  for (const keyword of ['stop', 'start'] as const)
    for (const l of on) {
      const words = keyword === 'stop' ? l.stopWords : l.startWords;
      if (!words.some((w) => normalise(w) === t)) continue;
      const reply = (keyword === 'stop' ? l.stopReply : l.startReply).trim();
      return {
        keyword,
        language: l.language,
        reply: rules.isReplyEnabled && reply !== '' ? reply : null,
      };
    }
  return null;
}

const defaults = defaultConsentKeywords();

/** `stop`, `start` or null for an inbound text or button text, against the default words. */
export function consentKeyword(text: string | null | undefined): 'stop' | 'start' | null {
  return matchConsentKeyword(text, defaults)?.keyword ?? null;
}

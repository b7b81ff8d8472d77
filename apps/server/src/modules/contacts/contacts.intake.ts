import type { IntakeHandler } from '../webhooks/webhooks.intake';
import { preferenceSubject, revealedIdentities } from '../webhooks/webhooks.parse';
import type { KeywordMatch } from './contacts.keywords';
import type { ConsentSubject, ContactsService } from './contacts.service';
import './contacts.events';

type Obj = Record<string, unknown>;

/**
 * The quick reply of a marketing template's opt-out button: Meta labels it "Stop promotions"
 * and, like a typed STOP, leaves recording the choice to the business (NOTES §7).
 */
const isMarketingOptOutButton = (text: string | null): boolean =>
  text?.trim().toLowerCase().replace(/\s+/g, ' ') === 'stop promotions';
const obj = (v: unknown): Obj | null =>
  typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as Obj) : null;
const arr = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);

interface Consent {
  subject: ConsentSubject;
  messageId?: string;
  optedOut: boolean;
  at: number;
  /** `user_preferences[:category]` or `keyword:<text>`, recorded on the contact. */
  source: string;
  /** For a keyword: the rule it matched and where the message came in (the confirmation). */
  keyword?: {
    match: KeywordMatch;
    messageId: string;
    accountId: string | null;
    phoneNumberId: string | null;
    waId: string | null;
  };
}

/**
 * The contacts module's part of webhook intake, in the intake transaction: numbers Meta
 * reveals for BSUID-only contacts, then marketing opt-outs and opt-ins — `user_preferences`
 * first, then STOP/START keywords of the messages stored by the conversations handler
 * (`context.received`), so it is registered after that one (`after`).
 */
export function contactsIntakeHandler(contacts: ContactsService): IntakeHandler {
  return {
    name: 'contacts.consent',
    fields: ['messages', 'user_preferences'],
    // Named, not imported: contacts sits below conversations.
    after: ['conversations.messages'],
    async apply(tx, changes, context) {
      const revealed: ReturnType<typeof revealedIdentities> = [];
      const consents: Consent[] = [];
      for (const { eventId, value } of changes) {
        if (arr(value.messages).length === 0) revealed.push(...revealedIdentities(value));
        for (const p of arr(value.user_preferences)) {
          const o = obj(p);
          const v = o?.value;
          const subject = preferenceSubject(p);
          if (o === null || subject === null || (v !== 'stop' && v !== 'resume')) {
            if (v !== 'signup')
              context.note(
                eventId,
                'user_preferences element without wa_id/user_id or stop/resume',
              );
            continue;
          }
          const ts = typeof o.timestamp === 'number' ? o.timestamp * 1000 : null;
          const category = String(o.category ?? '');
          consents.push({
            subject,
            optedOut: v === 'stop',
            at: ts ?? Date.now(),
            source: `user_preferences${category === '' ? '' : `:${category}`}`,
          });
        }
      }
      for (const message of context.received) {
        const match = await contacts.consentKeywordOf(tx, message.keywordText);
        if (match === null) continue;
        consents.push({
          // By identity, not contact id: a later message of the batch may have merged the contact.
          subject: { waId: message.waId, userId: message.userId },
          messageId: message.messageId,
          keyword: {
            match,
            messageId: message.messageId,
            accountId: message.accountId ?? null,
            phoneNumberId: message.phoneNumberId ?? null,
            waId: message.waId,
          },
          optedOut: match.keyword === 'stop',
          at: message.at,
          source: `${isMarketingOptOutButton(message.keywordText) ? 'template_button' : 'keyword'}:${(message.keywordText ?? '').trim().slice(0, 40)}`,
        });
      }

      for (const who of revealed) await contacts.revealPhone(tx, who);
      for (const c of consents) {
        const { source, optedOut, at } = c;
        const { contactId, isApplied } = await contacts.recordConsentOutcome(tx, {
          ...c.subject,
          optedOut,
          at,
          source,
          messageId: c.messageId ?? null,
        });
        // Only a choice that is now the contact's state is confirmed: an older START arriving
        // after a newer STOP changes nothing, so it gets no reply either.
        if (c.keyword !== undefined && isApplied)
          await contacts.keywordConsentApplied(tx, { contactId, ...c.keyword });
        context.publish('contacts.consent', { contactId, optedOut, source, at });
      }
    },
  };
}

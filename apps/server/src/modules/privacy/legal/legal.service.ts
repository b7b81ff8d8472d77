import { randomUUID } from 'node:crypto';
import {
  directionOf,
  legalMessages,
  legalPages,
  panelLanguageSchema,
  panelLanguages,
  type LegalOverview,
  type LegalPage,
  type LegalPageState,
  type LegalVersion,
  type PanelLanguage,
} from '@kiana/contracts';
import { inTransaction, type Executor } from '../../../db/executor';
import type { Clock } from '../../../platform/clock';
import type { AuditContext, AuditService } from '../../audit/audit.service';
import { ValidationError } from '../../../errors';
import type { PrivacySettings } from '../privacy.settings';
import * as repo from '../privacy.repo';
import { defaultLegalMarkdown } from './legal.defaults';
import { legalNotices } from './legal.notices';
import {
  formatDate,
  legalPlaceholders,
  renderMarkdown,
  type LegalContext,
  type LegalLocale,
} from './legal.render';

const DAY = 86_400_000;
// The language published texts fall back to, and the one the built-in texts are written in.
const SOURCE_LANGUAGE: PanelLanguage = 'en';

function toVersion(row: repo.LegalVersionRow): LegalVersion {
  return {
    id: row.id,
    page: row.page as LegalPage,
    language: panelLanguageSchema.catch(SOURCE_LANGUAGE).parse(row.language),
    version: row.version,
    markdown: row.markdown,
    effectiveAt: new Date(Number(row.effectiveAt)).toISOString(),
    publishedAt: new Date(Number(row.publishedAt)).toISOString(),
    publishedBy: row.publishedBy,
  };
}

/** A page ready to show: the body HTML plus what the shell needs. */
export interface RenderedLegalPage {
  title: string;
  company: string;
  body: string;
  notice?: string;
}

/** Legal pages: versions per language with effective dates, rendering with the configured details. */
export function createLegalService(deps: {
  db: Executor;
  clock: Clock;
  audit: AuditService;
  settings: PrivacySettings;
}) {
  const { db, clock } = deps;

  // The built-in texts take effect when the privacy module was installed (its migration).
  async function installedAt(): Promise<number> {
    return (await repo.migrationAppliedAt(db, '20261126_0400_privacy')) ?? clock.now();
  }

  async function context(effectiveAt: number, language: PanelLanguage): Promise<LegalContext> {
    return {
      settings: await deps.settings.legal(),
      periods: (await deps.settings.retention()).periods,
      effectiveAt,
      language,
    };
  }

  /** The version in force now and the next one waiting for its effective date, in one language. */
  async function versionsOf(page: LegalPage, language: PanelLanguage) {
    const versions = await repo.listLegalVersions(db, page, language);
    const now = clock.now();
    const current = versions.find((v) => Number(v.effectiveAt) <= now);
    const upcoming = versions.filter((v) => Number(v.effectiveAt) > now).at(-1);
    return { versions, current, upcoming };
  }

  /**
   * The language of the text that visitors reading `language` get today: their own published
   * version, else their built-in translation while the built-in English text is the one in
   * force (it translates that text, not a text an admin published since), else English.
   */
  async function textLanguageFor(page: LegalPage, language: PanelLanguage) {
    if (language === SOURCE_LANGUAGE) return SOURCE_LANGUAGE;
    if ((await versionsOf(page, language)).current !== undefined) return language;
    const source = await versionsOf(page, SOURCE_LANGUAGE);
    return source.current === undefined ? language : SOURCE_LANGUAGE;
  }

  return {
    /** The admin's view of one page in one language: version in force, history, default text. */
    async state(
      page: LegalPage,
      language: PanelLanguage = SOURCE_LANGUAGE,
    ): Promise<LegalPageState> {
      const { versions, current } = await versionsOf(page, language);
      return {
        page,
        language,
        title: legalMessages[language].pageTitles[page],
        current: current === undefined ? null : toVersion(current),
        defaultMarkdown: defaultLegalMarkdown[language][page],
        versions: versions.map(toVersion),
        placeholders: legalPlaceholders,
      };
    },

    async pages(language: PanelLanguage = SOURCE_LANGUAGE): Promise<LegalPageState[]> {
      return Promise.all(legalPages.map((p) => this.state(p, language)));
    },

    /** Per page, the panel languages whose visitors would not read a text in their language. */
    async coverage(): Promise<LegalOverview['coverage']> {
      return Promise.all(
        legalPages.map(async (page) => {
          const missing: PanelLanguage[] = [];
          for (const language of panelLanguages)
            if ((await textLanguageFor(page, language)) !== language) missing.push(language);
          return { page, missing };
        }),
      );
    },

    /** Publishes a new version in a language; earlier versions stay, each with its effective date. */
    async publish(
      page: LegalPage,
      markdown: string,
      effective: string,
      who: AuditContext,
      language: PanelLanguage = SOURCE_LANGUAGE,
    ): Promise<LegalPageState> {
      const effectiveAt = Date.parse(
        effective.length === 10 ? `${effective}T00:00:00Z` : effective,
      );
      // Changes are announced before they apply: an effective date in the past would rewrite history.
      if (Number.isNaN(effectiveAt) || effectiveAt < clock.now() - DAY) {
        throw new ValidationError('The effective date must be today or later');
      }
      await inTransaction(db, async (tx) => {
        const row = await repo.insertLegalVersion(tx, {
          id: randomUUID(),
          page,
          language,
          markdown,
          effectiveAt,
          publishedAt: clock.now(),
          publishedBy: who.actor.name ?? who.actor.id ?? null,
        });
        await deps.audit.record(tx, {
          ...who,
          action: 'privacy.legal.publish',
          target: { type: 'legal_page', id: page },
          details: {
            version: row.version,
            language,
            effectiveAt: new Date(effectiveAt).toISOString(),
          },
        });
      });
      return this.state(page, language);
    },

    /** Renders Markdown the way the public page will (the editor's live preview). */
    async preview(markdown: string, language: PanelLanguage = SOURCE_LANGUAGE): Promise<string> {
      return renderMarkdown(markdown, await context(clock.now(), language));
    },

    /**
     * A public page in the visitor's language: the version in force (or a given published
     * version) with its effective date on top. A language without a text of its own (see
     * `textLanguageFor`) reads the English text, marked as such, inside the translated page.
     */
    async render(
      page: LegalPage,
      versionNumber?: number,
      locale: LegalLocale = { language: SOURCE_LANGUAGE, fromLink: false },
    ): Promise<RenderedLegalPage | undefined> {
      const language = locale.language;
      const textLanguage = await textLanguageFor(page, language);
      const { versions, current, upcoming: ownUpcoming } = await versionsOf(page, textLanguage);
      // A built-in translation gives way to English when an English version takes effect:
      // its readers are told of that date too.
      const upcoming =
        ownUpcoming ??
        (current === undefined && textLanguage !== SOURCE_LANGUAGE
          ? (await versionsOf(page, SOURCE_LANGUAGE)).upcoming
          : undefined);
      const chosen =
        versionNumber === undefined
          ? current
          : versions.find(
              (v) => v.version === versionNumber && Number(v.effectiveAt) <= clock.now(),
            );
      if (versionNumber !== undefined && chosen === undefined) return undefined;
      const effectiveAt = chosen === undefined ? await installedAt() : Number(chosen.effectiveAt);
      const ctx = await context(effectiveAt, language);
      const markdown = chosen?.markdown ?? defaultLegalMarkdown[textLanguage][page];
      const notices = legalNotices(locale, page);
      const older = versions.filter(
        (v) => Number(v.effectiveAt) <= clock.now() && v.id !== chosen?.id,
      );
      const history =
        older.length === 0
          ? ''
          : notices.history(
              older.map((v) => ({
                version: v.version,
                date: formatDate(Number(v.effectiveAt), language),
              })),
            );
      const notice =
        versionNumber !== undefined && chosen?.id !== current?.id
          ? notices.earlier()
          : upcoming !== undefined
            ? notices.upcoming(formatDate(Number(upcoming.effectiveAt), language))
            : textLanguage !== language
              ? notices.notTranslated()
              : undefined;
      const effective = notices.effective(
        new Date(effectiveAt).toISOString().slice(0, 10),
        formatDate(effectiveAt, language),
        chosen?.version,
      );
      // The effective date goes right under the page's first heading; the text itself
      // carries its own language and direction when it is not the page's.
      let html = renderMarkdown(markdown, ctx);
      html = /<\/h1>/.test(html)
        ? html.replace('</h1>', `</h1>\n${effective}`)
        : `${effective}\n${html}`;
      if (textLanguage !== language)
        html = `<div lang="${textLanguage}" dir="${directionOf(textLanguage)}">${html}</div>`;
      return {
        title: legalMessages[language].pageTitles[page],
        company: ctx.settings.companyName,
        body: html + history,
        notice,
      };
    },

    companyName: async (): Promise<string> => (await deps.settings.legal()).companyName,
  };
}

export type LegalService = ReturnType<typeof createLegalService>;

import { randomUUID } from 'node:crypto';
import {
  legalPageTitles,
  legalPages,
  type LegalPage,
  type LegalPageState,
  type LegalVersion,
} from '@kiana/contracts';
import { inTransaction, type Executor } from '../../../db/executor';
import type { Clock } from '../../../platform/clock';
import type { AuditContext, AuditService } from '../../audit/audit.service';
import { ValidationError } from '../../../errors';
import type { PrivacySettings } from '../privacy.settings';
import * as repo from '../privacy.repo';
import { defaultLegalMarkdown } from './legal.defaults';
import {
  escapeHtml,
  formatDate,
  legalPlaceholders,
  renderMarkdown,
  type LegalContext,
} from './legal.render';

const DAY = 86_400_000;

function toVersion(row: repo.LegalVersionRow): LegalVersion {
  return {
    id: row.id,
    page: row.page as LegalPage,
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

/** Legal pages: versions with effective dates, rendering with the configured details. */
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

  async function context(effectiveAt: number): Promise<LegalContext> {
    return {
      settings: await deps.settings.legal(),
      periods: (await deps.settings.retention()).periods,
      effectiveAt,
    };
  }

  /** The version in force now and the next one waiting for its effective date. */
  async function versionsOf(page: LegalPage) {
    const versions = await repo.listLegalVersions(db, page);
    const now = clock.now();
    const current = versions.find((v) => Number(v.effectiveAt) <= now);
    const upcoming = versions.filter((v) => Number(v.effectiveAt) > now).at(-1);
    return { versions, current, upcoming };
  }

  return {
    /** The admin's view of one page: version in force, history, default text. */
    async state(page: LegalPage): Promise<LegalPageState> {
      const { versions, current } = await versionsOf(page);
      return {
        page,
        title: legalPageTitles[page],
        current: current === undefined ? null : toVersion(current),
        defaultMarkdown: defaultLegalMarkdown[page],
        versions: versions.map(toVersion),
        placeholders: legalPlaceholders,
      };
    },

    async pages(): Promise<LegalPageState[]> {
      return Promise.all(legalPages.map((p) => this.state(p)));
    },

    /** Publishes a new version; earlier versions stay, each with its effective date. */
    async publish(
      page: LegalPage,
      markdown: string,
      effective: string,
      who: AuditContext,
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
          markdown,
          effectiveAt,
          publishedAt: clock.now(),
          publishedBy: who.actor.name ?? who.actor.id ?? null,
        });
        await deps.audit.record(tx, {
          ...who,
          action: 'privacy.legal.publish',
          target: { type: 'legal_page', id: page },
          details: { version: row.version, effectiveAt: new Date(effectiveAt).toISOString() },
        });
      });
      return this.state(page);
    },

    /** Renders Markdown the way the public page will (the editor's live preview). */
    async preview(markdown: string): Promise<string> {
      return renderMarkdown(markdown, await context(clock.now()));
    },

    /** A public page: the version in force (or a given published version) with its effective date on top. */
    async render(page: LegalPage, versionNumber?: number): Promise<RenderedLegalPage | undefined> {
      const { versions, current, upcoming } = await versionsOf(page);
      const chosen =
        versionNumber === undefined
          ? current
          : versions.find(
              (v) => v.version === versionNumber && Number(v.effectiveAt) <= clock.now(),
            );
      if (versionNumber !== undefined && chosen === undefined) return undefined;
      const effectiveAt = chosen === undefined ? await installedAt() : Number(chosen.effectiveAt);
      const ctx = await context(effectiveAt);
      const markdown = chosen?.markdown ?? defaultLegalMarkdown[page];
      const effective = `<p class="effective">Effective date: <time datetime="${new Date(effectiveAt).toISOString().slice(0, 10)}">${formatDate(effectiveAt)}</time>${chosen === undefined ? '' : ` · version ${chosen.version}`}</p>`;
      const older = versions.filter(
        (v) => Number(v.effectiveAt) <= clock.now() && v.id !== chosen?.id,
      );
      const history =
        older.length === 0
          ? ''
          : `<h2>Previous versions</h2><ul>${older
              .map(
                (v) =>
                  `<li><a href="/legal/${page}?version=${v.version}">Version ${v.version}, effective ${formatDate(Number(v.effectiveAt))}</a></li>`,
              )
              .join('')}</ul>`;
      const notice =
        versionNumber !== undefined && chosen?.id !== current?.id
          ? `This is an earlier version. <a href="/legal/${page}">Read the version in force</a>.`
          : upcoming === undefined
            ? undefined
            : `A new version of this page takes effect on ${escapeHtml(formatDate(Number(upcoming.effectiveAt)))}.`;
      // The effective date goes right under the page's first heading.
      const html = renderMarkdown(markdown, ctx);
      const body = /<\/h1>/.test(html)
        ? html.replace('</h1>', `</h1>\n${effective}`)
        : `${effective}\n${html}`;
      return {
        title: legalPageTitles[page],
        company: ctx.settings.companyName,
        body: body + history,
        notice,
      };
    },

    companyName: async (): Promise<string> => (await deps.settings.legal()).companyName,
  };
}

export type LegalService = ReturnType<typeof createLegalService>;

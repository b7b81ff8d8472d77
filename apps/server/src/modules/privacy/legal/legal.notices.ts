import { fillMessage, legalMessages, type LegalPage } from '@kiana/contracts';
import { escapeHtml, legalHref, type LegalLocale } from './legal.render';

/** The translated lines around a legal text: effective date, history, notices. HTML out. */
export function legalNotices(locale: LegalLocale, page: LegalPage) {
  const m = legalMessages[locale.language];
  const pagePath = `/legal/${page}`;
  return {
    effective(isoDate: string, date: string, version: number | undefined): string {
      const suffix =
        version === undefined ? '' : ` · ${escapeHtml(fillMessage(m.versionSuffix, { version }))}`;
      return `<p class="effective">${escapeHtml(m.effectiveDate)} <time datetime="${isoDate}">${escapeHtml(date)}</time>${suffix}</p>`;
    },
    history(versions: { version: number; date: string }[]): string {
      const items = versions
        .map(
          (v) =>
            `<li><a href="${legalHref(`${pagePath}?version=${v.version}`, locale)}">${escapeHtml(fillMessage(m.versionItem, v))}</a></li>`,
        )
        .join('');
      return `<h2>${escapeHtml(m.previousVersions)}</h2><ul>${items}</ul>`;
    },
    earlier: (): string =>
      `${escapeHtml(m.earlierVersion)} <a href="${legalHref(pagePath, locale)}">${escapeHtml(m.readCurrent)}</a>.`,
    upcoming: (date: string): string => escapeHtml(fillMessage(m.upcoming, { date })),
    notTranslated: (): string => escapeHtml(m.notTranslated),
  };
}

import MarkdownIt from 'markdown-it';
import {
  directionOf,
  legalMessages,
  legalPages,
  panelLanguageNames,
  panelLanguages,
  pluralMessage,
  retentionClasses,
  type LegalPage,
  type LegalSettings,
  type PanelLanguage,
  type RetentionPeriods,
} from '@kiana/contracts';

// Raw HTML in the Markdown is shown as text, never rendered: an admin's typo or a pasted
// snippet cannot put a script on a public page (markdown-it also refuses javascript: links).
const md = new MarkdownIt({ html: false, linkify: true, typographer: false });

/** The placeholders an admin can use in a page's Markdown. */
export const legalPlaceholders = [
  'company',
  'email',
  'address',
  'supportHours',
  'effectiveDate',
  'retentionTable',
  ...retentionClasses.map((c) => `retention.${c}`),
];

/** Escapes HTML text and attribute values. */
export function escapeHtml(text: string): string {
  const named: Record<string, string> = {
    '&': '&amp;',
    '<': '&lt;',
    '>': '&gt;',
    '"': '&quot;',
    "'": '&#39;',
  };
  return text.replace(/[&<>"']/g, (c) => named[c] ?? c);
}

function escapeMarkdown(text: string): string {
  return text.replace(/[\\`*_[\]<>#|]/g, (c) => `\\${c}`);
}

// Public pages use each language's own digits (Arabic-Indic, Persian) like the panel does.
const numberingTag: Record<PanelLanguage, string> = {
  en: 'en-GB',
  es: 'es',
  'pt-BR': 'pt-BR',
  ar: 'ar-u-nu-arab',
  fa: 'fa-IR-u-nu-arabext',
};

function daysText(days: number, language: PanelLanguage): string {
  const m = legalMessages[language];
  // Day counts read as plain numbers ("1000 days"), in the language's digits.
  const n = (v: number) =>
    new Intl.NumberFormat(numberingTag[language], { useGrouping: false }).format(v);
  const d = pluralMessage(language, m.days, days, n(days));
  if (days % 365 !== 0) return d;
  return `${d} (${pluralMessage(language, m.years, days / 365, n(days / 365))})`;
}

/**
 * A date as people read it, in UTC so every reader sees the same day; Persian readers get
 * the Solar Hijri calendar their country uses.
 */
export function formatDate(ms: number, language: PanelLanguage = 'en'): string {
  return new Date(ms).toLocaleDateString(numberingTag[language], {
    day: 'numeric',
    month: 'long',
    year: 'numeric',
    timeZone: 'UTC',
  });
}

export interface LegalContext {
  settings: LegalSettings;
  periods: RetentionPeriods;
  effectiveAt: number;
  /** The language the filled-in values (retention table, dates) are written in; English by default. */
  language?: PanelLanguage;
}

/** Fills the placeholders of a page's Markdown with the configured values. */
export function fillPlaceholders(markdown: string, ctx: LegalContext): string {
  const language = ctx.language ?? 'en';
  const m = legalMessages[language];
  const table = [
    `| ${m.retentionData} | ${m.retentionKeptFor} |`,
    '| --- | --- |',
    ...retentionClasses.map(
      (c) => `| ${m.retentionClasses[c]} | ${daysText(ctx.periods[c], language)} |`,
    ),
  ].join('\n');
  const values: Record<string, string> = {
    company: escapeMarkdown(ctx.settings.companyName),
    email: escapeMarkdown(ctx.settings.contactEmail),
    address: escapeMarkdown(ctx.settings.address),
    supportHours: escapeMarkdown(ctx.settings.supportHours),
    effectiveDate: formatDate(ctx.effectiveAt, language),
    retentionTable: table,
    ...Object.fromEntries(
      retentionClasses.map((c) => [`retention.${c}`, daysText(ctx.periods[c], language)]),
    ),
  };
  return markdown.replace(
    /\{\{\s*([A-Za-z_.]+)\s*\}\}/g,
    (whole, name: string) => values[name] ?? whole,
  );
}

/** Markdown (with placeholders) to safe HTML. */
export function renderMarkdown(markdown: string, ctx: LegalContext): string {
  return md.render(fillPlaceholders(markdown, ctx));
}

/**
 * How a page's links keep the visitor's language: a language chosen by a `?lang=` link
 * stays in every link; one read from the browser needs nothing in the URL.
 */
export interface LegalLocale {
  language: PanelLanguage;
  fromLink: boolean;
}

/** A path of the legal pages with the visitor's language kept when it came from a link. */
export function legalHref(path: string, locale: LegalLocale): string {
  if (!locale.fromLink) return path;
  return `${path}${path.includes('?') ? '&' : '?'}lang=${encodeURIComponent(locale.language)}`;
}

/** The page shell: skip link, navigation, main landmark, footer; no script, no inline style. */
export function layout(options: {
  title: string;
  company: string;
  current?: LegalPage | 'index';
  body: string;
  notice?: string;
  locale?: LegalLocale;
  /** The path of this page, for the language links. */
  path?: string;
}): string {
  const locale = options.locale ?? { language: 'en', fromLink: false };
  const m = legalMessages[locale.language];
  const links = legalPages
    .map((p) => {
      const current = options.current === p ? ' aria-current="page"' : '';
      return `<li><a href="${legalHref(`/legal/${p}`, locale)}"${current}>${escapeHtml(m.pageTitles[p])}</a></li>`;
    })
    .join('');
  const here = options.path ?? '/legal';
  const languages = panelLanguages
    .map((l) => {
      const current = l === locale.language ? ' aria-current="true"' : '';
      const href = `${here}${here.includes('?') ? '&' : '?'}lang=${encodeURIComponent(l)}`;
      return `<li><a href="${escapeHtml(href)}" lang="${l}" hreflang="${l}"${current}>${escapeHtml(panelLanguageNames[l])}</a></li>`;
    })
    .join('');
  const notice = options.notice === undefined ? '' : `<p class="notice">${options.notice}</p>`;
  return `<!DOCTYPE html>
<html lang="${locale.language}" dir="${directionOf(locale.language)}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(options.title)} · ${escapeHtml(options.company)}</title>
<link rel="stylesheet" href="/legal/assets/legal.css">
</head>
<body>
<a class="skip-link" href="#content">${escapeHtml(m.skipLink)}</a>
<header class="site-header">
<p class="site-name"><a href="${legalHref('/legal', locale)}"><bdi>${escapeHtml(options.company)}</bdi></a></p>
<nav aria-label="${escapeHtml(m.navLabel)}"><ul>${links}</ul></nav>
<nav aria-label="${escapeHtml(m.languagesLabel)}" class="languages"><ul>${languages}</ul></nav>
</header>
<main id="content">
${notice}${options.body}
</main>
<footer class="site-footer"><p>© <bdi>${escapeHtml(options.company)}</bdi>. <a href="${legalHref('/legal/support', locale)}">${escapeHtml(m.contactSupport)}</a></p></footer>
</body>
</html>
`;
}

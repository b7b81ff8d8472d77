import MarkdownIt from 'markdown-it';
import {
  legalPageTitles,
  legalPages,
  retentionClasses,
  retentionClassLabels,
  type LegalPage,
  type LegalSettings,
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

function daysText(days: number): string {
  if (days % 365 === 0) return `${days} days (${days / 365} year${days === 365 ? '' : 's'})`;
  return `${days} day${days === 1 ? '' : 's'}`;
}

/** A date as people read it, in UTC so every reader sees the same day. */
export function formatDate(ms: number): string {
  return new Date(ms).toLocaleDateString('en-GB', {
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
}

/** Fills the placeholders of a page's Markdown with the configured values. */
export function fillPlaceholders(markdown: string, ctx: LegalContext): string {
  const table = [
    '| Data | Kept for |',
    '| --- | --- |',
    ...retentionClasses.map((c) => `| ${retentionClassLabels[c]} | ${daysText(ctx.periods[c])} |`),
  ].join('\n');
  const values: Record<string, string> = {
    company: escapeMarkdown(ctx.settings.companyName),
    email: escapeMarkdown(ctx.settings.contactEmail),
    address: escapeMarkdown(ctx.settings.address),
    supportHours: escapeMarkdown(ctx.settings.supportHours),
    effectiveDate: formatDate(ctx.effectiveAt),
    retentionTable: table,
    ...Object.fromEntries(
      retentionClasses.map((c) => [`retention.${c}`, daysText(ctx.periods[c])]),
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

/** The page shell: skip link, navigation, main landmark, footer; no script, no inline style. */
export function layout(options: {
  title: string;
  company: string;
  current?: LegalPage | 'index';
  body: string;
  notice?: string;
}): string {
  const links = legalPages
    .map((p) => {
      const current = options.current === p ? ' aria-current="page"' : '';
      return `<li><a href="/legal/${p}"${current}>${escapeHtml(legalPageTitles[p])}</a></li>`;
    })
    .join('');
  const notice = options.notice === undefined ? '' : `<p class="notice">${options.notice}</p>`;
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(options.title)} · ${escapeHtml(options.company)}</title>
<link rel="stylesheet" href="/legal/assets/legal.css">
</head>
<body>
<a class="skip-link" href="#content">Skip to content</a>
<header class="site-header">
<p class="site-name"><a href="/legal">${escapeHtml(options.company)}</a></p>
<nav aria-label="Legal pages"><ul>${links}</ul></nav>
</header>
<main id="content">
${notice}${options.body}
</main>
<footer class="site-footer"><p>© ${escapeHtml(options.company)}. <a href="/legal/support">Contact and support</a></p></footer>
</body>
</html>
`;
}

import { fillMessage, legalMessages, legalPages } from '@kiana/contracts';
import type { DeletionRequestRow } from '../privacy.repo';
import { escapeHtml, formatDate, legalHref, type LegalLocale } from './legal.render';

/** The values a visitor typed, shown again when the form has a problem. */
export interface DeletionFormValues {
  /** Which of the page's two forms was sent: `deletion` (default) or `correction`. */
  kind?: string;
  phone?: string;
  email?: string;
  message?: string;
  wrong?: string;
  wanted?: string;
}

const en: LegalLocale = { language: 'en', fromLink: false };

/** The public deletion request form (works without JavaScript; every field has a label). */
export function deletionForm(
  values: DeletionFormValues = {},
  error?: string,
  locale: LegalLocale = en,
): string {
  const m = legalMessages[locale.language].form;
  const v = (s: string | undefined): string => escapeHtml(s ?? '');
  const problem =
    error === undefined
      ? ''
      : `<p class="error" id="form-error" role="alert">${escapeHtml(error)}</p>`;
  const described = error === undefined ? '' : ' aria-describedby="form-error"';
  // Phone numbers and addresses are written left to right whatever the page's direction.
  const example = '<bdi dir="ltr">+44 20 7946 0958</bdi>';
  // Named by its heading: the page holds two forms with the same contact fields.
  return `<form method="post" action="${legalHref('/legal/data-deletion', locale)}" novalidate aria-labelledby="request-form"${described}>
<h2 id="request-form">${escapeHtml(m.heading)}</h2>
${problem}<p class="hint">${escapeHtml(m.hint)}</p>
<label for="phone">${escapeHtml(m.phone)}</label>
<input id="phone" name="phone" type="tel" dir="ltr" autocomplete="tel" inputmode="tel" value="${v(values.phone)}" aria-describedby="phone-hint">
<p class="hint" id="phone-hint">${fillMessage(escapeHtml(m.phoneHint), { example })}</p>
<label for="email">${escapeHtml(m.email)}</label>
<input id="email" name="email" type="email" dir="ltr" autocomplete="email" value="${v(values.email)}">
<label for="message">${escapeHtml(m.message)}</label>
<textarea id="message" name="message" rows="4" maxlength="2000" dir="auto">${v(values.message)}</textarea>
<button type="submit">${escapeHtml(m.submit)}</button>
</form>`;
}

/**
 * The public correction request form, on the same page and endpoint as the deletion form
 * (one rate limit, one validation); its field ids differ so both forms can sit together.
 */
export function correctionForm(
  values: DeletionFormValues = {},
  error?: string,
  locale: LegalLocale = en,
): string {
  const f = legalMessages[locale.language].form;
  const m = legalMessages[locale.language].correction;
  const v = (s: string | undefined): string => escapeHtml(s ?? '');
  const problem =
    error === undefined
      ? ''
      : `<p class="error" id="correction-error" role="alert">${escapeHtml(error)}</p>`;
  const described = error === undefined ? '' : ' aria-describedby="correction-error"';
  return `<form method="post" action="${legalHref('/legal/data-deletion', locale)}#correction-form" novalidate aria-labelledby="correction-form"${described}>
<input type="hidden" name="kind" value="correction">
<h2 id="correction-form">${escapeHtml(m.heading)}</h2>
${problem}<p class="hint">${escapeHtml(m.hint)}</p>
<label for="correction-phone">${escapeHtml(f.phone)}</label>
<input id="correction-phone" name="phone" type="tel" dir="ltr" autocomplete="tel" inputmode="tel" value="${v(values.phone)}">
<label for="correction-email">${escapeHtml(f.email)}</label>
<input id="correction-email" name="email" type="email" dir="ltr" autocomplete="email" value="${v(values.email)}">
<label for="wrong">${escapeHtml(m.wrong)}</label>
<textarea id="wrong" name="wrong" rows="3" maxlength="2000" dir="auto" required>${v(values.wrong)}</textarea>
<label for="wanted">${escapeHtml(m.wanted)}</label>
<textarea id="wanted" name="wanted" rows="3" maxlength="2000" dir="auto" required>${v(values.wanted)}</textarea>
<button type="submit">${escapeHtml(m.submit)}</button>
</form>`;
}

/** The body of a request's public status page; shows dates and outcome, never the subject. */
export function statusBody(
  row: DeletionRequestRow,
  isNew: boolean,
  locale: LegalLocale = en,
): string {
  const m = legalMessages[locale.language].status;
  const c = legalMessages[locale.language].correction;
  const isCorrection = row.kind === 'correction';
  const date = (ms: number): string =>
    `<time datetime="${new Date(ms).toISOString()}">${escapeHtml(formatDate(ms, locale.language))}</time>`;
  const code = `<span class="code" dir="ltr">${escapeHtml(row.code)}</span>`;
  const intro = isNew
    ? `<p class="notice" role="status">${fillMessage(escapeHtml(m.received), { code })}</p>`
    : '';
  const words: Record<string, string> = isCorrection ? { ...m.words, done: c.done } : m.words;
  const rows = [
    [m.code, code],
    [
      m.state,
      `<strong data-status="${escapeHtml(row.status)}">${escapeHtml(words[row.status] ?? row.status)}</strong>`,
    ],
    [m.receivedAt, date(row.receivedAt)],
    row.status === 'done' || row.status === 'rejected'
      ? [m.completedAt, row.completedAt === null ? '' : date(row.completedAt)]
      : [m.dueBy, date(row.dueAt)],
  ];
  if (row.status === 'rejected' && row.rejectedReason !== null)
    rows.push([m.reason, `<bdi>${escapeHtml(row.rejectedReason)}</bdi>`]);
  if (isCorrection && row.status === 'done' && row.correctedFields !== null) {
    // Which fields changed, in the reader's words; never the values.
    const names = c.fields as Record<string, string>;
    const fields = row.correctedFields
      .split(',')
      .filter((f) => f !== '')
      .map((f) => escapeHtml(names[f] ?? f));
    const list = new Intl.ListFormat(locale.language, { type: 'conjunction' });
    if (fields.length > 0) rows.push([c.corrected, list.format(fields)]);
  }
  return `<h1>${escapeHtml(isCorrection ? c.statusHeading : m.heading)}</h1>
${intro}<dl class="status">${rows.map(([k, v]) => `<dt>${escapeHtml(k ?? '')}</dt><dd>${v}</dd>`).join('')}</dl>
<p><a href="${legalHref('/legal/data-deletion', locale)}">${escapeHtml(m.back)}</a></p>`;
}

/** The index of legal pages. */
export function indexBody(company: string, locale: LegalLocale = en): string {
  const m = legalMessages[locale.language];
  const items = legalPages
    .map(
      (p) =>
        `<li><a href="${legalHref(`/legal/${p}`, locale)}">${escapeHtml(m.pageTitles[p])}</a></li>`,
    )
    .join('');
  return `<h1>${escapeHtml(m.legalInformation)}</h1>
<p>${fillMessage(escapeHtml(m.indexIntro), { company: `<bdi>${escapeHtml(company)}</bdi>` })}</p>
<ul>${items}</ul>`;
}

/** A short error page (unknown code, too many requests). */
export function messageBody(title: string, text: string, locale: LegalLocale = en): string {
  const m = legalMessages[locale.language];
  return `<h1>${escapeHtml(title)}</h1><p>${escapeHtml(text)}</p><p><a href="${legalHref('/legal', locale)}">${escapeHtml(m.legalInformation)}</a></p>`;
}

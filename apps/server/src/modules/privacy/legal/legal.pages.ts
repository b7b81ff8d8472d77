import { legalPageTitles, legalPages } from '@kiana/contracts';
import type { DeletionRequestRow } from '../privacy.repo';
import { escapeHtml, formatDate } from './legal.render';

/** The values a visitor typed, shown again when the form has a problem. */
export interface DeletionFormValues {
  phone?: string;
  email?: string;
  message?: string;
}

/** The public deletion request form (works without JavaScript; every field has a label). */
export function deletionForm(values: DeletionFormValues = {}, error?: string): string {
  const v = (s: string | undefined): string => escapeHtml(s ?? '');
  const problem =
    error === undefined
      ? ''
      : `<p class="error" id="form-error" role="alert">${escapeHtml(error)}</p>`;
  const described = error === undefined ? '' : ' aria-describedby="form-error"';
  return `<form method="post" action="/legal/data-deletion" novalidate${described}>
<h2 id="request-form">Request deletion</h2>
${problem}<p class="hint">Give the phone number, the email address, or both. No account is needed.</p>
<label for="phone">Phone number on WhatsApp</label>
<input id="phone" name="phone" type="tel" autocomplete="tel" inputmode="tel" value="${v(values.phone)}" aria-describedby="phone-hint">
<p class="hint" id="phone-hint">With the country code, for example +44 20 7946 0958.</p>
<label for="email">Email address</label>
<input id="email" name="email" type="email" autocomplete="email" value="${v(values.email)}">
<label for="message">Message (optional)</label>
<textarea id="message" name="message" rows="4" maxlength="2000">${v(values.message)}</textarea>
<button type="submit">Send deletion request</button>
</form>`;
}

const statusWords: Record<string, string> = {
  pending: 'Received: waiting to be processed',
  in_progress: 'In progress',
  done: 'Done: your data has been deleted',
  rejected: 'Rejected',
};

/** The body of a request's public status page; shows dates and outcome, never the subject. */
export function statusBody(row: DeletionRequestRow, isNew: boolean): string {
  const date = (ms: number): string =>
    `<time datetime="${new Date(ms).toISOString()}">${escapeHtml(formatDate(ms))}</time>`;
  const intro = isNew
    ? `<p class="notice" role="status">We received your request. Keep this confirmation code: <span class="code">${escapeHtml(row.code)}</span>. This page shows its progress; bookmark it.</p>`
    : '';
  const rows = [
    ['Confirmation code', `<span class="code">${escapeHtml(row.code)}</span>`],
    [
      'Status',
      `<strong data-status="${escapeHtml(row.status)}">${escapeHtml(statusWords[row.status] ?? row.status)}</strong>`,
    ],
    ['Received', date(row.receivedAt)],
    row.status === 'done' || row.status === 'rejected'
      ? ['Completed', row.completedAt === null ? '' : date(row.completedAt)]
      : ['Due by', date(row.dueAt)],
  ];
  if (row.status === 'rejected' && row.rejectedReason !== null)
    rows.push(['Reason', escapeHtml(row.rejectedReason)]);
  return `<h1>Data deletion request</h1>
${intro}<dl class="status">${rows.map(([k, v]) => `<dt>${k}</dt><dd>${v}</dd>`).join('')}</dl>
<p><a href="/legal/data-deletion">Back to data deletion</a></p>`;
}

/** The index of legal pages. */
export function indexBody(company: string): string {
  const items = legalPages
    .map((p) => `<li><a href="/legal/${p}">${escapeHtml(legalPageTitles[p])}</a></li>`)
    .join('');
  return `<h1>Legal information</h1>
<p>How ${escapeHtml(company)} handles your data on WhatsApp, the terms of our messaging service, and how to reach us.</p>
<ul>${items}</ul>`;
}

/** A short error page (unknown code, too many requests). */
export function messageBody(title: string, text: string): string {
  return `<h1>${escapeHtml(title)}</h1><p>${escapeHtml(text)}</p><p><a href="/legal">Legal information</a></p>`;
}

import {
  variablesIn,
  type CampaignStatus,
  type CampaignSummary,
  type CampaignVariable,
  type CampaignVariables,
  type DraftComponent,
  type RecipientStatus,
} from '@kiana/contracts';

export const statusColor: Record<CampaignStatus, string> = {
  draft: 'gray',
  awaiting_approval: 'yellow',
  scheduled: 'cyan',
  materialising: 'blue',
  running: 'blue',
  paused: 'orange',
  completed: 'green',
  cancelled: 'red',
};

export const recipientColor: Record<RecipientStatus, string> = {
  queued: 'gray',
  skipped: 'gray',
  deferred: 'yellow',
  sending: 'blue',
  sent: 'cyan',
  delivered: 'teal',
  read: 'green',
  failed: 'red',
  unknown: 'orange',
};

/** Statuses in which the dispatcher may still send (the page refreshes itself then). */
export const liveStatuses: readonly CampaignStatus[] = ['materialising', 'running', 'scheduled'];

/** Recipients that are finished one way or another: the progress bar's numerator. */
export const doneStatuses: readonly RecipientStatus[] = [
  'sent',
  'delivered',
  'read',
  'failed',
  'skipped',
];

/** Share of recipients that are finished (sent, failed or skipped), 0–100. */
export function progressOf(c: Pick<CampaignSummary, 'counts'>): number {
  if (c.counts.total === 0) return 0;
  const done = doneStatuses.reduce((n, s) => n + (c.counts.byStatus[s] ?? 0), 0);
  return Math.round((done / c.counts.total) * 100);
}

/** A template parameter the wizard maps: its slot key (the renderer's) and a label. */
export interface Slot {
  key: string;
  where: 'header' | 'body' | 'button';
  name: string;
}

/** The template's parameters as slot keys: `header.<var>`, `body.<var>`, `button.<index>`. */
export function slotsOf(components: readonly DraftComponent[]): Slot[] {
  const out: Slot[] = [];
  for (const c of components) {
    const type = c.type.toUpperCase();
    if (type === 'HEADER' && (c.format ?? 'TEXT').toUpperCase() === 'TEXT') {
      for (const v of variablesIn(c.text))
        out.push({ key: `header.${v}`, where: 'header', name: v });
    } else if (type === 'BODY') {
      for (const v of variablesIn(c.text)) out.push({ key: `body.${v}`, where: 'body', name: v });
    } else if (type === 'BUTTONS') {
      (c.buttons ?? []).forEach((b, i) => {
        if (b.type.toUpperCase() === 'URL' && variablesIn(b.url).length > 0) {
          out.push({ key: `button.${i}`, where: 'button', name: String(i) });
        }
      });
    }
  }
  return out;
}

/** What a sample recipient offers to the mapping (a contact, or a typed number). */
export interface Sample {
  name: string | null;
  phone: string;
  attributes: Record<string, unknown>;
  csv?: Record<string, string>;
}

/** One parameter's value for a sample, as the server resolves it (fallback when missing). */
export function resolveValue(v: CampaignVariable | undefined, s: Sample): string | null {
  if (v === undefined) return null;
  const orFallback = (value: unknown, fallback: string | null) =>
    value === undefined || value === null || value === '' ? fallback : String(value);
  switch (v.source) {
    case 'fixed':
      return v.value;
    case 'field':
      return orFallback(v.key === 'name' ? s.name : s.phone, v.fallback);
    case 'attribute':
      return orFallback(s.attributes[v.key], v.fallback);
    case 'csv':
      return orFallback(s.csv?.[v.column], v.fallback);
  }
}

const pattern = /\{\{\s*([A-Za-z0-9_]+)\s*\}\}/g;

/**
 * The template as one recipient would receive it: each variable replaced by its resolved
 * value, or left as `{{var}}` when it has none (the preview shows the gap).
 */
export function renderFor(
  components: readonly DraftComponent[],
  variables: CampaignVariables,
  sample: Sample,
): DraftComponent[] {
  const fill = (text: string | undefined, where: 'header' | 'body') =>
    text?.replace(pattern, (whole, name: string) => {
      return resolveValue(variables[`${where}.${name}`], sample) ?? whole;
    });
  return components.map((c) => {
    const type = c.type.toUpperCase();
    if (type === 'HEADER' || type === 'BODY') {
      const { example: _example, ...rest } = c;
      return { ...rest, text: fill(c.text, type === 'HEADER' ? 'header' : 'body') };
    }
    return c;
  });
}

/** Slots with no mapping: the review refuses to launch with these. */
export function unmapped(slots: readonly Slot[], variables: CampaignVariables): string[] {
  return slots.filter((s) => variables[s.key] === undefined).map((s) => s.key);
}

/** `hh:mm:ss`-style duration for estimates (h and m only when needed). */
export function formatDuration(seconds: number): string {
  const total = Math.max(0, Math.ceil(seconds));
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = total % 60;
  const pad = (n: number) => String(n).padStart(2, '0');
  return h > 0 ? `${h}:${pad(m)}:${pad(s)}` : `${m}:${pad(s)}`;
}

/** Micro-units of a currency as a decimal amount (rate cards price in micros). */
export function fromMicros(micros: number): number {
  return micros / 1_000_000;
}

/** The offset of `timeZone` from UTC at `epochMs`, in ms. */
function offsetAt(epochMs: number, timeZone: string): number {
  const parts = new Intl.DateTimeFormat('en-US', {
    timeZone,
    hourCycle: 'h23',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
  }).formatToParts(new Date(epochMs));
  const n = (t: string) => Number(parts.find((p) => p.type === t)?.value ?? 0);
  const asUtc = Date.UTC(n('year'), n('month') - 1, n('day'), n('hour'), n('minute'), n('second'));
  return asUtc - Math.floor(epochMs / 1000) * 1000;
}

/** `YYYY-MM-DDTHH:mm` read as a wall-clock time in `timeZone` → epoch ms. */
export function zonedToEpoch(local: string, timeZone: string): number | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})$/.exec(local);
  if (m === null) return null;
  const [, y, mo, d, h, mi] = m.map(Number) as [number, number, number, number, number, number];
  const guess = Date.UTC(y, mo - 1, d, h, mi);
  // Two passes settle the offset across a daylight-saving change.
  const first = guess - offsetAt(guess, timeZone);
  return guess - offsetAt(first, timeZone);
}

/** Epoch ms → `YYYY-MM-DDTHH:mm` on the wall clock of `timeZone` (for the input). */
export function epochToZoned(epochMs: number, timeZone: string): string {
  const local = new Date(epochMs + offsetAt(epochMs, timeZone));
  return local.toISOString().slice(0, 16);
}

/** `HH:mm` ↔ minutes of the day (the send window). */
export function minutesToTime(minutes: number): string {
  const h = Math.floor(minutes / 60) % 24;
  return `${String(h).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;
}
export function timeToMinutes(value: string): number | null {
  const m = /^(\d{2}):(\d{2})$/.exec(value);
  return m === null ? null : Number(m[1]) * 60 + Number(m[2]);
}

/** One CSV line per row, quoted where needed (RFC 4180), with a guard against formulas. */
export function toCsv(rows: readonly (readonly (string | number | null)[])[]): string {
  const cell = (v: string | number | null) => {
    let s = v === null ? '' : String(v);
    // A leading = + - @ starts a formula in spreadsheets; a phone number's + does not.
    if (/^[=+\-@]/.test(s) && !/^\+\d+$/.test(s)) s = `'${s}`;
    return /[",\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
  };
  return rows.map((r) => r.map(cell).join(',')).join('\r\n') + '\r\n';
}

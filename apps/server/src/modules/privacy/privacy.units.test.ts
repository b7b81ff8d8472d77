import { describe, expect, it } from 'vitest';
import { defaultRetentionDays } from '@kiana/contracts';
import { registerPersonalData, registerPersonalDataFallback, registryEntry } from './data-registry';
import { signRequest, verifySignedRequest } from './legal/meta-signed-request';
import { fillPlaceholders, renderMarkdown } from './legal/legal.render';
import { newConfirmationCode } from './deletion.service';
import { toE164 } from './suppression';

const ctx = {
  settings: {
    companyName: 'A*B & Co',
    contactEmail: 'x@example.org',
    address: 'Street 1',
    supportHours: '9-5',
  },
  periods: { ...defaultRetentionDays, webhook_events: 14 },
  effectiveAt: Date.UTC(2026, 0, 15),
};

describe('signed_request', () => {
  it('verifies with the right secret among several and rejects others', () => {
    const signed = signRequest({ algorithm: 'HMAC-SHA256', user_id: 42 }, 'secret-two');
    expect(verifySignedRequest(signed, ['secret-one', 'secret-two'])).toMatchObject({
      user_id: '42',
    });
    expect(verifySignedRequest(signed, ['secret-one'])).toBeUndefined();
    expect(verifySignedRequest(`${signed}x`, ['secret-two'])).toBeUndefined();
    expect(verifySignedRequest('a.b.c', ['secret-two'])).toBeUndefined();
  });
});

describe('legal rendering', () => {
  it('fills placeholders with configured values and real periods, escaping Markdown in values', () => {
    const text = fillPlaceholders(
      '{{company}} / {{email}} / {{retention.webhook_events}} / {{effectiveDate}} / {{unknown}}',
      ctx,
    );
    expect(text).toBe('A\\*B & Co / x@example.org / 14 days / 15 January 2026 / {{unknown}}');
    const html = renderMarkdown('{{retentionTable}}', ctx);
    expect(html).toContain('<td>Raw webhook events</td>\n<td>14 days</td>');
    expect(html).toContain('<td>365 days (1 year)</td>');
  });

  it('never renders raw HTML or javascript: links', () => {
    const html = renderMarkdown('<img src=x onerror=alert(1)> [a](javascript:alert(1))', ctx);
    expect(html).not.toContain('<img');
    expect(html).not.toContain('href="javascript');
  });
});

describe('data registry', () => {
  it("lets the owning module's entry replace privacy's stand-in, never the reverse", () => {
    registerPersonalDataFallback({
      table: 'zz_test',
      module: 'privacy',
      classification: 'none',
      description: 'stand-in',
    });
    registerPersonalData({
      table: 'zz_test',
      module: 'owner',
      classification: 'none',
      description: 'owner',
    });
    registerPersonalDataFallback({
      table: 'zz_test',
      module: 'privacy',
      classification: 'none',
      description: 'stand-in again',
    });
    expect(registryEntry('zz_test')?.module).toBe('owner');
  });

  it('refuses a personal table with no way to find, expire or explain its rows', () => {
    expect(() =>
      registerPersonalData({
        table: 'zz_bad',
        module: 'x',
        classification: 'personal',
        description: 'bad',
      }),
    ).toThrow(/subject link/);
    expect(() =>
      registerPersonalData({
        table: 'zz_bad',
        module: 'x',
        classification: 'personal',
        description: 'bad',
        subject: [{ by: 'contactId', column: 'contact_id' }],
      }),
    ).toThrow(/erasing/);
  });
});

describe('request helpers', () => {
  it('makes readable, distinct confirmation codes', () => {
    const codes = new Set(Array.from({ length: 200 }, () => newConfirmationCode()));
    expect(codes.size).toBe(200);
    for (const c of codes) expect(c).toMatch(/^DR-[A-HJ-NP-Z2-9]{10}$/);
  });

  it('normalises numbers to E.164 and refuses nonsense', () => {
    expect(toE164('+44 7700 900456')).toBe('+447700900456');
    expect(toE164('447700900456')).toBe('+447700900456');
    expect(() => toE164('12')).toThrow(/not valid/);
  });
});

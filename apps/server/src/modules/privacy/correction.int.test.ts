import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import type { CorrectionMatch, DeletionRequest } from '@kiana/contracts';
import { buildTestApp, type TestApp } from '../../../test/test-app';
import { userWithRole, type SignedIn } from '../auth/auth.testkit';

let kiana: TestApp;
let admin: SignedIn;
let ip = 0;

beforeAll(async () => {
  kiana = await buildTestApp();
  admin = await userWithRole(kiana, 'admin');
});
afterAll(async () => {
  await kiana.close();
});

const api = <T>(method: 'GET' | 'POST', url: string, payload?: object) =>
  kiana.app
    .inject({ method, url: `/api/v1${url}`, headers: admin.headers, payload })
    .then((res) => ({ status: res.statusCode, body: res.json<T>() }));

/** Posts the public form from its own address (the form is rate-limited per address). */
async function submit(fields: Record<string, string>, lang = 'en') {
  ip += 1;
  return kiana.app.inject({
    method: 'POST',
    url: `/legal/data-deletion?lang=${lang}`,
    remoteAddress: `198.51.100.${ip}`,
    headers: { 'content-type': 'application/x-www-form-urlencoded', 'user-agent': 'vitest' },
    payload: new URLSearchParams(fields).toString(),
  });
}

async function createContact(phone: string, name: string): Promise<string> {
  const res = await api<{ id: string }>('POST', '/contacts', { phone, name });
  expect(res.status).toBe(201);
  return res.body.id;
}

async function requestByCode(code: string): Promise<DeletionRequest> {
  const list = await api<{ requests: DeletionRequest[] }>(
    'GET',
    '/privacy/requests?kind=correction&limit=200',
  );
  const found = list.body.requests.find((r) => r.code === code);
  if (found === undefined) throw new Error(`no request ${code}`);
  return found;
}

const auditActions = async (targetId: string): Promise<string[]> =>
  (
    await kiana.ctx.db.kysely
      .selectFrom('auditLog')
      .select('action')
      .where('targetId', '=', targetId)
      .orderBy('at')
      .execute()
  ).map((r) => r.action);

describe('correction requests', () => {
  it('a correction from the public form is fulfilled by editing the contact, logged, and the status page says so in the requester language', async () => {
    const contactId = await createContact('+49 151 12345601', 'Mario Rosi');
    const res = await submit(
      {
        kind: 'correction',
        phone: '+49 151 12345601',
        wrong: 'Mario Rosi',
        wanted: 'Mario Rossi',
      },
      'es',
    );
    expect(res.statusCode).toBe(303);
    const code = /status\/(DR-[A-Z0-9]+)/.exec(String(res.headers.location))?.[1] ?? '';
    expect(res.headers.location).toContain('lang=es');

    const request = await requestByCode(code);
    expect(request).toMatchObject({
      kind: 'correction',
      status: 'pending',
      source: 'form',
      language: 'es',
      phone: '+4915112345601',
      correction: { wrong: 'Mario Rosi', wanted: 'Mario Rossi' },
    });

    // The admin sees the matching contact, with the name change suggested.
    const matches = await api<{ contacts: CorrectionMatch[] }>(
      'POST',
      `/privacy/requests/${request.id}/matches`,
    );
    expect(matches.status).toBe(200);
    expect(matches.body.contacts).toEqual([
      expect.objectContaining({
        id: contactId,
        name: 'Mario Rosi',
        suggestion: { name: 'Mario Rossi' },
      }),
    ]);
    expect((await api<DeletionRequest>('GET', `/privacy/requests/${request.id}`)).body.status).toBe(
      'in_progress',
    );
    // A correction is never answered by erasing the person.
    const erase = await api<{ code: string }>('POST', `/privacy/requests/${request.id}/execute`);
    expect(erase.status).toBe(409);
    expect(erase.body.code).toBe('wrong_request_kind');

    const done = await api<DeletionRequest>('POST', `/privacy/requests/${request.id}/correct`, {
      contactId,
      changes: { name: 'Mario Rossi' },
    });
    expect(done.status).toBe(200);
    expect(done.body).toMatchObject({ status: 'done', correctedFields: ['name'] });
    const contact = await api<{ name: string }>('GET', `/contacts/${contactId}`);
    expect(contact.body.name).toBe('Mario Rossi');
    expect(await auditActions(request.id)).toEqual([
      'privacy.correction.open',
      'privacy.correction.review',
      'privacy.correction.fulfil',
    ]);
    expect(await auditActions(contactId)).toContain('contact.update');

    // The requester reads the outcome in Spanish; the page names the field, never the value.
    const status = await kiana.app.inject({
      method: 'GET',
      url: `/legal/data-deletion/status/${code}?lang=es`,
    });
    expect(status.statusCode).toBe(200);
    expect(status.body).toContain('Solicitud de corrección de datos');
    expect(status.body).toContain('Completada: tus datos se han corregido');
    expect(status.body).toContain('<dd>Nombre</dd>');
    expect(status.body).not.toContain('Mario');
    // Closed: a second fulfilment is refused.
    const again = await api<{ code: string }>('POST', `/privacy/requests/${request.id}/correct`, {
      contactId,
      changes: { name: 'Someone else' },
    });
    expect(again.status).toBe(409);
  });

  it('refuses to edit a contact the request is not about', async () => {
    const mine = await createContact('+49 151 12345602', 'Ana');
    const other = await createContact('+49 151 12345603', 'Bea');
    const opened = await api<DeletionRequest>('POST', '/privacy/requests', {
      phone: '+49 151 12345602',
      source: 'email',
      kind: 'correction',
      correction: { wrong: 'Ana', wanted: 'Ana Lima' },
    });
    expect(opened.status).toBe(200);
    const res = await api<{ code: string }>('POST', `/privacy/requests/${opened.body.id}/correct`, {
      contactId: other,
      changes: { name: 'Ana Lima' },
    });
    expect(res.status).toBe(400);
    expect((await api<{ name: string }>('GET', `/contacts/${other}`)).body.name).toBe('Bea');
    expect((await api<{ name: string }>('GET', `/contacts/${mine}`)).body.name).toBe('Ana');
  });

  it('a rejected correction tells the requester why, and leaves the contact as it was', async () => {
    const contactId = await createContact('+49 151 12345604', 'Carla');
    const res = await submit({
      kind: 'correction',
      email: 'carla@example.org',
      phone: '+49 151 12345604',
      wrong: 'My name',
      wanted: 'Queen of everything',
    });
    const code = /status\/(DR-[A-Z0-9]+)/.exec(String(res.headers.location))?.[1] ?? '';
    const request = await requestByCode(code);
    const rejected = await api<DeletionRequest>('POST', `/privacy/requests/${request.id}/reject`, {
      reason: 'We can only record the name shown on WhatsApp.',
    });
    expect(rejected.body).toMatchObject({ status: 'rejected', kind: 'correction' });
    expect(await auditActions(request.id)).toEqual([
      'privacy.correction.open',
      'privacy.correction.reject',
    ]);
    expect((await api<{ name: string }>('GET', `/contacts/${contactId}`)).body.name).toBe('Carla');
    const status = await kiana.app.inject({
      method: 'GET',
      url: `/legal/data-deletion/status/${code}`,
    });
    expect(status.body).toContain('Data correction request');
    expect(status.body).toContain('Rejected');
    expect(status.body).toContain('We can only record the name shown on WhatsApp.');
  });

  it('the contact edit, the request and both audit records commit together or not at all', async () => {
    const contactId = await createContact('+49 151 12345605', 'Dora');
    const opened = await api<DeletionRequest>('POST', '/privacy/requests', {
      phone: '+49 151 12345605',
      kind: 'correction',
      correction: { wrong: 'Dora', wanted: 'Dora Maar' },
    });
    await sql`alter table audit_log rename to audit_log_off`.execute(kiana.ctx.db.kysely);
    let failed: number;
    try {
      failed = (
        await kiana.app.inject({
          method: 'POST',
          url: `/api/v1/privacy/requests/${opened.body.id}/correct`,
          headers: admin.headers,
          payload: { contactId, changes: { name: 'Dora Maar' } },
        })
      ).statusCode;
    } finally {
      await sql`alter table audit_log_off rename to audit_log`.execute(kiana.ctx.db.kysely);
    }
    expect(failed).toBe(500);
    expect((await api<{ name: string }>('GET', `/contacts/${contactId}`)).body.name).toBe('Dora');
    const after = await api<DeletionRequest>('GET', `/privacy/requests/${opened.body.id}`);
    expect(after.body).toMatchObject({ status: 'pending', correctedFields: null });
  });

  it('the public form asks for both texts, in the visitor language, and keeps what was typed', async () => {
    const before = await kiana.ctx.db.kysely.selectFrom('deletionRequests').select('id').execute();
    const res = await submit(
      { kind: 'correction', phone: '+49 151 12345606', wrong: 'Nombre mal escrito', wanted: '' },
      'es',
    );
    expect(res.statusCode).toBe(400);
    expect(res.body).toContain('Indica qué es incorrecto y cómo debería ser.');
    expect(res.body).toContain('Nombre mal escrito');
    expect(res.body).toContain('id="correction-error"');
    const after = await kiana.ctx.db.kysely.selectFrom('deletionRequests').select('id').execute();
    expect(after.length).toBe(before.length);
  });

  it('shares the form rate limit with deletion requests', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 6; i++) {
      const res = await kiana.app.inject({
        method: 'POST',
        url: '/legal/data-deletion',
        remoteAddress: '203.0.113.77',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        payload: new URLSearchParams(
          i % 2 === 0
            ? { email: `limit${i}@example.org` }
            : { kind: 'correction', email: `limit${i}@example.org`, wrong: 'a', wanted: 'b' },
        ).toString(),
      });
      statuses.push(res.statusCode);
    }
    expect(statuses.slice(0, 5)).toEqual([303, 303, 303, 303, 303]);
    expect(statuses[5]).toBe(429);
  });
});

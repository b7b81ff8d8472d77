import type { ContactImport, ContactUploadPreview, CreateContactImport } from '@kiana/contracts';
import type { TestApp } from '../../../../test/test-app';
import type { SignedIn } from '../../auth/auth.testkit';

/** Uploads bytes as the raw body; returns the HTTP answer. */
export async function uploadFile(
  t: TestApp,
  who: SignedIn,
  bytes: Buffer,
  headers: Record<string, string> = {},
) {
  return await t.app.inject({
    method: 'POST',
    url: '/api/v1/contacts/imports/uploads',
    headers: { ...who.headers, 'content-type': 'text/csv', ...headers },
    payload: bytes,
  });
}

export async function preview(
  t: TestApp,
  who: SignedIn,
  uploadId: string,
  query = '',
): Promise<ContactUploadPreview> {
  const res = await t.app.inject({
    method: 'GET',
    url: `/api/v1/contacts/imports/uploads/${uploadId}/preview${query}`,
    headers: who.headers,
  });
  if (res.statusCode !== 200) throw new Error(`preview: ${res.statusCode} ${res.body}`);
  return res.json<ContactUploadPreview>();
}

/** Uploads a file, starts its import, runs the job queue dry and returns the finished import. */
export async function importFile(
  t: TestApp,
  who: SignedIn,
  bytes: Buffer,
  options: Omit<CreateContactImport, 'uploadId'>,
): Promise<ContactImport> {
  const up = await uploadFile(t, who, bytes);
  if (up.statusCode !== 201) throw new Error(`upload: ${up.statusCode} ${up.body}`);
  const started = await t.app.inject({
    method: 'POST',
    url: '/api/v1/contacts/imports',
    headers: who.headers,
    payload: { uploadId: up.json<{ id: string }>().id, ...options },
  });
  if (started.statusCode !== 202) throw new Error(`start: ${started.statusCode} ${started.body}`);
  await t.worker.drainOnce();
  return await getImport(t, who, started.json<ContactImport>().id);
}

export async function getImport(t: TestApp, who: SignedIn, id: string): Promise<ContactImport> {
  const res = await t.app.inject({
    method: 'GET',
    url: `/api/v1/contacts/imports/${id}`,
    headers: who.headers,
  });
  if (res.statusCode !== 200) throw new Error(`get: ${res.statusCode} ${res.body}`);
  return res.json<ContactImport>();
}

/** Every contact as (number, name), sorted: what an import may or may not have changed. */
export async function contactSnapshot(
  t: TestApp,
): Promise<{ phoneE164: string | null; name: string | null; updatedAt: number }[]> {
  return await t.ctx.db.kysely
    .selectFrom('contacts')
    .select(['phoneE164', 'name', 'updatedAt'])
    .orderBy('phoneE164')
    .execute();
}

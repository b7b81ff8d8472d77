import { expect } from 'vitest';
import type { ContactDetail, ContactPage, Tag } from '@kiana/contracts';
import type { TestApp } from '../../../test/test-app';
import type { SignedIn } from '../auth/auth.testkit';
import { attributeDefsSetting } from './contacts.settings';

/** The attributes the contacts tests declare: one of each type. */
export async function declareTestAttributes(kiana: TestApp): Promise<void> {
  await kiana.ctx.settings.set(kiana.ctx.db.kysely, attributeDefsSetting, [
    { key: 'city', label: 'City', type: 'text' },
    { key: 'score', label: 'Score', type: 'number' },
    { key: 'joined', label: 'Joined', type: 'date' },
    { key: 'member', label: 'Member', type: 'boolean' },
  ]);
}

/** Calls the API as `who` and returns status and parsed body. */
export async function call<T = unknown>(
  kiana: TestApp,
  who: SignedIn,
  method: 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE',
  url: string,
  payload?: unknown,
): Promise<{ status: number; body: T }> {
  const res = await kiana.app.inject({
    method,
    url: `/api/v1${url}`,
    headers: who.headers,
    ...(payload === undefined ? {} : { payload: payload as Record<string, unknown> }),
  });
  return { status: res.statusCode, body: (res.body === '' ? null : res.json()) as T };
}

/** Creates a contact through the API (expects 201). */
export async function makeContact(
  kiana: TestApp,
  who: SignedIn,
  input: Record<string, unknown>,
): Promise<ContactDetail> {
  const res = await call<ContactDetail>(kiana, who, 'POST', '/contacts', input);
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body;
}

/** Creates a tag through the API (expects 201). */
export async function makeTag(kiana: TestApp, who: SignedIn, name: string): Promise<Tag> {
  const res = await call<Tag>(kiana, who, 'POST', '/tags', { name });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body;
}

/** The names of the contacts a `POST /contacts/query` body matches, sorted. */
export async function namesMatching(
  kiana: TestApp,
  who: SignedIn,
  body: Record<string, unknown>,
): Promise<string[]> {
  const res = await call<ContactPage>(kiana, who, 'POST', '/contacts/query', {
    pageSize: 200,
    ...body,
  });
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  return res.body.contacts.map((c) => c.name ?? '').sort();
}

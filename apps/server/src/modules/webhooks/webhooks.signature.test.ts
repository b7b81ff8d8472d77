import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { asciiJson } from '@kiana/simulator';
import { SignatureVerifier, isVerifyTokenValid, signBody } from './webhooks.signature';
import { staticDirectory } from './webhooks.directory';

const fixture = JSON.parse(
  readFileSync(
    fileURLToPath(
      new URL('../../../../simulator/spec/examples/webhook_inbound_text.json', import.meta.url),
    ),
    'utf8',
  ),
) as unknown;
// NOTES §3.3 test vector: the compact, \u-escaped body signed with `sim_app_secret_123`.
const VECTOR = 'sha256=7fcb183420e1a1e36ae9e6be57867c2c478a7dedd2feb4da0c7fc74dc315b944';

const account = {
  accountId: 'a1',
  wabaId: 'w1',
  appSecret: 'sim_app_secret_123',
  verifyToken: 'token-one',
};

describe('the webhook signature check', () => {
  it('accepts Meta’s signature of the exact bytes (the NOTES test vector)', async () => {
    const raw = Buffer.from(asciiJson(fixture), 'utf8');
    expect(raw.length).toBe(519);
    expect(signBody(raw, account.appSecret)).toBe(VECTOR);
    const v = new SignatureVerifier(staticDirectory([account]));
    expect((await v.verify(raw, VECTOR))?.accounts.map((a) => a.accountId)).toEqual(['a1']);
    expect(await v.verify(raw, VECTOR.toUpperCase().replace('SHA256=', 'sha256='))).not.toBeNull();
  });

  it('refuses the same object re-serialised as UTF-8: the signature covers bytes, not JSON', async () => {
    const v = new SignatureVerifier(staticDirectory([account]));
    expect(await v.verify(Buffer.from(JSON.stringify(fixture), 'utf8'), VECTOR)).toBeNull();
  });

  it('refuses missing, malformed and other-secret signatures, and everything when no account exists', async () => {
    const raw = Buffer.from('{}');
    const v = new SignatureVerifier(staticDirectory([account]));
    expect(await v.verify(raw, undefined)).toBeNull();
    expect(await v.verify(raw, 'sha256=abc')).toBeNull();
    expect(await v.verify(raw, signBody(raw, 'another secret'))).toBeNull();
    const empty = new SignatureVerifier(staticDirectory([]));
    expect(await empty.verify(raw, signBody(raw, ''))).toBeNull();
  });

  it('finds the account among several secrets, and every account sharing one', async () => {
    const raw = Buffer.from('{"x":1}');
    const v = new SignatureVerifier(
      staticDirectory([
        account,
        { ...account, accountId: 'a2', wabaId: 'w2' },
        { accountId: 'a3', wabaId: 'w3', appSecret: 'third', verifyToken: 't3' },
      ]),
    );
    expect((await v.verify(raw, signBody(raw, 'third')))?.accounts.map((a) => a.accountId)).toEqual(
      ['a3'],
    );
    expect(
      (await v.verify(raw, signBody(raw, account.appSecret)))?.accounts.map((a) => a.accountId),
    ).toEqual(['a1', 'a2']);
  });

  it('compares verify tokens exactly', () => {
    expect(isVerifyTokenValid('token-one', ['x', 'token-one'])).toBe(true);
    expect(isVerifyTokenValid('token-on', ['token-one'])).toBe(false);
    expect(isVerifyTokenValid('', [])).toBe(false);
  });
});

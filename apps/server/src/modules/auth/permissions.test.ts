import { describe, expect, it } from 'vitest';
import {
  assertValidAccess,
  permissionsOfRole,
  permissionsOfScopes,
  allPermissions,
} from './permissions';
import { assertPasswordPolicy } from './auth.password';

describe('permission matrix', () => {
  it('gives the owner everything and keeps the security policy from admins', () => {
    expect(permissionsOfRole('owner').sort()).toEqual([...allPermissions].sort());
    expect(permissionsOfRole('admin')).not.toContain('security.manage');
  });
  it('keeps approvals, credentials and deletions away from agents, viewers and API keys', () => {
    for (const p of [
      'campaigns.approve',
      'credentials.manage',
      'privacy.execute',
      'users.manage',
    ] as const) {
      expect(permissionsOfRole('agent')).not.toContain(p);
      expect(permissionsOfRole('viewer')).not.toContain(p);
      expect(permissionsOfScopes(['read', 'send', 'manage'])).not.toContain(p);
    }
    expect(permissionsOfRole('viewer').every((p) => p.endsWith('.read'))).toBe(true);
  });
  it('refuses a route whose access names no permission', () => {
    expect(() => assertValidAccess('campaigns.aprove', 'POST /x')).toThrow(/unknown access/);
    expect(() => assertValidAccess('campaigns.approve', 'POST /x')).not.toThrow();
  });
});

describe('password policy', () => {
  it('refuses short, common, repeated and username-containing passwords', () => {
    expect(() => assertPasswordPolicy('short', 'bob')).toThrow(/at least 12/);
    expect(() => assertPasswordPolicy('password1234', 'bob')).toThrow(/commonly used/);
    expect(() => assertPasswordPolicy('aaaaaaaaaaaaaa', 'bob')).toThrow(/repeated/);
    expect(() => assertPasswordPolicy('maria-is-my-name', 'maria')).toThrow(/username/);
    expect(() => assertPasswordPolicy('correct horse battery', 'bob')).not.toThrow();
  });
});

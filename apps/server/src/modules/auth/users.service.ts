import { randomUUID } from 'node:crypto';
import {
  calendarSchema,
  isTimeZone,
  panelLanguageSchema,
  type CreateUserRequest,
  type Role,
  type UpdateUserRequest,
  type User,
} from '@kiana/contracts';
import { ConflictError, ForbiddenError, NotFoundError, ValidationError } from '../../errors';
import type { AuditContext } from '../audit/audit.service';
import { assertPasswordPolicy, hashPassword } from './auth.password';
import type { Executor } from '../../db/executor';
import { iso, SESSION_IDLE_MS, setupCompletedSetting, type AuthDeps } from './auth.deps';
import {
  countActiveOwners,
  countUsers,
  findUserById,
  findUserByUsername,
  insertUser,
  listUsers,
  updateUser,
  type NewUserRow,
  type UserRow,
} from './users.repo';
import { revokeUserSessions, usersWithLiveSession } from './sessions.repo';

/** The API view of a user row: no hash, no seed. */
export function toUser(row: UserRow): User {
  return {
    id: row.id,
    username: row.username,
    displayName: row.displayName,
    role: row.role as Role,
    isActive: row.isActive === 1,
    totpEnabled: row.totpSecret !== null,
    lastLoginAt: iso(row.lastLoginAt),
    lastLoginIp: row.lastLoginIp,
    lastFailedLoginAt: iso(row.lastFailedLoginAt),
    createdAt: iso(row.createdAt) ?? '',
    // A value this version does not know (edited by hand, or a dropped language) reads as unset.
    language: panelLanguageSchema.safeParse(row.language).data ?? null,
    timeZone: row.timeZone !== null && isTimeZone(row.timeZone) ? row.timeZone : null,
    calendar: calendarSchema.safeParse(row.calendar).data ?? null,
  };
}

/** Who is acting on users, with their role (owners alone may touch owners). */
export interface UserActor extends AuditContext {
  role: Role | 'system';
}

export interface UsersService {
  list(): Promise<User[]>;
  get(id: string): Promise<User>;
  /** The ids of users signed in right now (a live session, used within the idle timeout). */
  signedIn(): Promise<ReadonlySet<string>>;
  create(
    input: CreateUserRequest,
    by: UserActor,
    options?: { skipPolicy?: boolean },
  ): Promise<User>;
  update(id: string, input: UpdateUserRequest, by: UserActor & { id?: string }): Promise<User>;
  /** Creates the first owner; refused once the setup is done or any user exists. */
  setup(
    input: { username: string; displayName?: string; password: string },
    by: AuditContext,
  ): Promise<User>;
}

/** Creates the users service. */
export function createUsersService(deps: AuthDeps): UsersService {
  const { clock, audit } = deps;
  const db = deps.db.kysely;

  const mustTouchOwnersOnlyAsOwner = (by: UserActor, role: string): void => {
    if (role === 'owner' && by.role !== 'owner' && by.role !== 'system') {
      throw new ForbiddenError('Only an owner can create or change an owner.');
    }
  };

  /** Validates and hashes outside any transaction (argon2 takes ~60 ms), then inserts on `ex`. */
  const prepare = async (
    input: CreateUserRequest,
    by: UserActor,
    options: { skipPolicy?: boolean },
  ): Promise<(ex: Executor) => Promise<User>> => {
    mustTouchOwnersOnlyAsOwner(by, input.role);
    const username = input.username.trim().toLowerCase();
    if (options.skipPolicy !== true) assertPasswordPolicy(input.password, username);
    if ((await findUserByUsername(db, username)) !== undefined) {
      throw new ConflictError(`The username ${username} is taken.`, undefined, 'username_taken');
    }
    const now = clock.now();
    const row: NewUserRow = {
      id: randomUUID(),
      username,
      displayName: input.displayName?.trim() || username,
      role: input.role,
      passwordHash: await hashPassword(input.password),
      isActive: 1,
      totpSecret: null,
      totpPendingSecret: null,
      totpLastStep: null,
      passwordChangedAt: now,
      lastLoginAt: null,
      lastLoginIp: null,
      lastFailedLoginAt: null,
      createdAt: now,
      updatedAt: now,
    };
    return async (ex) => {
      await insertUser(ex, row);
      await audit.record(ex, {
        ...by,
        action: 'user.create',
        target: { type: 'user', id: row.id },
        details: { username, role: row.role },
      });
      return toUser({ ...row, language: null, timeZone: null, calendar: null });
    };
  };

  const create: UsersService['create'] = async (input, by, options = {}) => {
    const insert = await prepare(input, by, options);
    return db.transaction().execute(insert);
  };

  return {
    list: async () => (await listUsers(db)).map(toUser),
    async get(id) {
      const row = await findUserById(db, id);
      if (row === undefined) throw new NotFoundError('User', id);
      return toUser(row);
    },
    signedIn: async () => new Set(await usersWithLiveSession(db, clock.now(), SESSION_IDLE_MS)),
    create,
    async update(id, input, by) {
      const row = await findUserById(db, id);
      if (row === undefined) throw new NotFoundError('User', id);
      mustTouchOwnersOnlyAsOwner(by, row.role);
      if (input.role !== undefined) mustTouchOwnersOnlyAsOwner(by, input.role);
      const losesOwner =
        row.role === 'owner' &&
        row.isActive === 1 &&
        ((input.role !== undefined && input.role !== 'owner') || input.isActive === false);
      if (losesOwner && (await countActiveOwners(db)) <= 1) {
        throw new ConflictError(
          'The last active owner cannot be demoted or deactivated.',
          undefined,
          'last_owner',
        );
      }
      if (input.isActive === false && by.id === id)
        throw new ValidationError('You cannot deactivate yourself.');
      const now = clock.now();
      const changes: Partial<UserRow> = { updatedAt: now };
      if (input.displayName !== undefined) changes.displayName = input.displayName || row.username;
      if (input.role !== undefined) changes.role = input.role;
      if (input.isActive !== undefined) changes.isActive = input.isActive ? 1 : 0;
      if (input.password !== undefined) {
        assertPasswordPolicy(input.password, row.username);
        changes.passwordHash = await hashPassword(input.password);
        changes.passwordChangedAt = now;
      }
      await db.transaction().execute(async (tx) => {
        await updateUser(tx, id, changes);
        // Deactivation or a password reset ends every session of that user at once.
        if (input.isActive === false || input.password !== undefined)
          await revokeUserSessions(tx, id, now);
        const target = { type: 'user', id };
        if (input.role !== undefined && input.role !== row.role) {
          await audit.record(tx, {
            ...by,
            action: 'user.role_change',
            target,
            details: { from: row.role, to: input.role },
          });
        }
        if (input.isActive !== undefined && (input.isActive ? 1 : 0) !== row.isActive) {
          await audit.record(tx, {
            ...by,
            action: input.isActive ? 'user.activate' : 'user.deactivate',
            target,
          });
        }
        if (input.password !== undefined)
          await audit.record(tx, { ...by, action: 'user.password_reset', target });
        if (input.displayName !== undefined && input.displayName !== row.displayName) {
          await audit.record(tx, {
            ...by,
            action: 'user.update',
            target,
            details: { displayName: input.displayName },
          });
        }
      });
      return toUser({ ...row, ...changes });
    },
    async setup(input, by) {
      if ((await countUsers(db)) > 0)
        throw new ConflictError('Setup is already complete.', undefined, 'setup_done');
      assertPasswordPolicy(input.password, input.username);
      const insert = await prepare({ ...input, role: 'owner' }, { ...by, role: 'system' }, {});
      const user = await db.transaction().execute(async (tx) => {
        // The settings row is the guard: of two racing setups only one inserts it.
        const won = await deps.settings.setIfAbsent(tx, setupCompletedSetting, true);
        if (!won) throw new ConflictError('Setup is already complete.', undefined, 'setup_done');
        const user = await insert(tx);
        await audit.record(tx, {
          ...by,
          actor: { type: 'user', id: user.id, name: user.username },
          action: 'auth.setup',
          target: { type: 'user', id: user.id },
        });
        return user;
      });
      deps.settings.changed(setupCompletedSetting.key);
      return user;
    },
  };
}

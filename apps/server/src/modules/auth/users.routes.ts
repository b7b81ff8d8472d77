import { createUserRequestSchema, updateUserRequestSchema, userSchema } from '@kiana/contracts';
import { z } from 'zod';
import type { FastifyRequest } from 'fastify';
import type { ZodApp } from '../../http/types';
import { auditContext } from '../../http/principal';
import type { UserActor, UsersService } from './users.service';
import { userPrincipal } from './auth.routes';

function actor(request: FastifyRequest): UserActor & { id: string } {
  const p = userPrincipal(request);
  return { ...auditContext(request), role: p.role, id: p.id };
}

/** Users and roles (users.manage). Users are deactivated, never deleted, so the log keeps its actors. */
export function usersRoutes(app: ZodApp, users: UsersService): void {
  app.get(
    '/users',
    {
      config: { access: 'users.manage' },
      schema: { response: { 200: z.object({ users: z.array(userSchema) }) } },
    },
    async () => ({ users: await users.list() }),
  );
  app.post(
    '/users',
    {
      config: { access: 'users.manage' },
      schema: { body: createUserRequestSchema, response: { 201: userSchema } },
    },
    async (request, reply) =>
      reply.status(201).send(await users.create(request.body, actor(request))),
  );
  app.patch(
    '/users/:id',
    {
      config: { access: 'users.manage' },
      schema: {
        params: z.object({ id: z.string().max(64) }),
        body: updateUserRequestSchema,
        response: { 200: userSchema },
      },
    },
    async (request) => users.update(request.params.id, request.body, actor(request)),
  );
}

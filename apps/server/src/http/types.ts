import type {
  FastifyBaseLogger,
  FastifyInstance,
  RawReplyDefaultExpression,
  RawRequestDefaultExpression,
  RawServerDefault,
} from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';

/** Fastify with zod schemas as its type provider: the type every routes file receives. */
export type ZodApp = FastifyInstance<
  RawServerDefault,
  RawRequestDefaultExpression,
  RawReplyDefaultExpression,
  FastifyBaseLogger,
  ZodTypeProvider
>;

/**
 * Who may call a route. `public` needs nothing; `authenticated` needs a signed-in
 * user or API key; any other value names a permission of the auth module's matrix.
 */
export type RouteAccess = 'public' | 'authenticated' | (string & { readonly __permission?: never });

declare module 'fastify' {
  interface FastifyContextConfig {
    access?: RouteAccess;
  }
}

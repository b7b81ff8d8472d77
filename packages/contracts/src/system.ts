import { z } from 'zod';

/** `GET /api/v1/meta`: what the SPA needs before anyone signs in. */
export const serverInfoSchema = z.object({
  name: z.string(),
  version: z.string(),
  demo: z.boolean(),
  database: z.enum(['sqlite', 'postgres']),
  time: z.string(),
});
export type ServerInfo = z.infer<typeof serverInfoSchema>;

/** The error body every API error response has. */
export const apiErrorSchema = z.object({
  code: z.string(),
  message: z.string(),
  details: z.unknown().optional(),
  requestId: z.string(),
});
export type ApiError = z.infer<typeof apiErrorSchema>;

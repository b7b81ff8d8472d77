import { z } from 'zod';

export const jobStatuses = ['queued', 'running', 'done', 'dead'] as const;
export const jobStatusSchema = z.enum(jobStatuses);

/** One durable job as an admin sees it through the API: never its payload. */
export const jobSchema = z.object({
  id: z.string(),
  kind: z.string(),
  key: z.string().nullable(),
  status: jobStatusSchema,
  runAt: z.number(),
  attempts: z.number().int(),
  maxAttempts: z.number().int(),
  /** The worker process holding a running job. */
  leaseOwner: z.string().nullable(),
  lastError: z.string().nullable(),
  progress: z
    .object({ done: z.number(), total: z.number().optional(), note: z.string().optional() })
    .nullable(),
  createdAt: z.number(),
  updatedAt: z.number(),
  finishedAt: z.number().nullable(),
});
export type Job = z.infer<typeof jobSchema>;

/** `GET /api/v1/jobs` query. */
export const jobQuerySchema = z.object({
  status: jobStatusSchema.optional(),
  kind: z.string().max(100).optional(),
  limit: z.coerce.number().int().min(1).max(500).default(100),
});

export const jobListSchema = z.object({
  jobs: z.array(jobSchema),
  counts: z.record(jobStatusSchema, z.number().int()),
});
export type JobList = z.infer<typeof jobListSchema>;

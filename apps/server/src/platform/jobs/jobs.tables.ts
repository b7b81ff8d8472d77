/** Durable jobs: one row per enqueued unit of work (see jobs.runner.ts for the life cycle). */
export interface JobsTables {
  jobs: {
    id: string;
    kind: string;
    /** Idempotency key, unique per kind; null for jobs that may be enqueued any number of times. */
    key: string | null;
    /** JSON, validated by the kind's zod schema on enqueue and on run; ids, not personal data. */
    payload: string;
    status: JobStatus;
    /** Not claimed before this time (epoch ms): the first run or the next retry. */
    runAt: number;
    attempts: number;
    maxAttempts: number;
    /** The worker that holds a running job, and until when unless it renews. */
    leaseOwner: string | null;
    leaseExpiresAt: number | null;
    lastError: string | null;
    /** JSON `{ done, total, note }` reported by a long job. */
    progress: string | null;
    createdAt: number;
    updatedAt: number;
    finishedAt: number | null;
  };
}

/** queued → running → done, or back to queued for a retry, or dead after the last attempt. */
export type JobStatus = 'queued' | 'running' | 'done' | 'dead';

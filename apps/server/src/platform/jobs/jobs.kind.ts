import type { z } from 'zod';
import type { Executor, Tx } from '../../db/executor';

/** What a running job can do besides its work. */
export interface JobContext {
  jobId: string;
  /** 1 for the first run, 2 for the first retry... */
  attempt: number;
  /** Aborted when the worker shuts down or loses the job's lease: stop and return. */
  signal: AbortSignal;
  /** Reports progress of a long job (visible in the admin view); false once the job was lost. */
  progress(progress: { done: number; total?: number; note?: string }): Promise<boolean>;
  /**
   * Runs `fn` in a transaction that also marks the job done, fenced by the claim: if the
   * worker lost the job meanwhile, the transaction rolls back (LeaseLostError) and `fn`'s
   * writes with it. A job whose effects are database writes is then applied exactly once.
   */
  commit<T>(fn: (tx: Tx) => Promise<T>): Promise<T>;
}

/** A kind of job declared by a module: its name, payload schema, retry policy and work. */
export interface JobKind<S extends z.ZodType = z.ZodType> {
  /** `<module>.<verb>`, e.g. `templates.sync`. */
  kind: string;
  payload: S;
  /** Attempts before the job goes dead (default 5). */
  maxAttempts?: number;
  /** Delay before retry number `attempt` (default exponential from 1 s, capped at 10 min). */
  backoffMs?(attempt: number): number;
  run(payload: z.infer<S>, ctx: JobContext): Promise<void>;
}

/** Declares a job kind; the identity function that gives the payload its type. */
export function defineJobKind<S extends z.ZodType>(kind: JobKind<S>): JobKind<S> {
  return kind;
}

/** Default retry delays: 1 s, 2 s, 4 s... capped at 10 minutes, with ±20 % jitter. */
export function defaultBackoffMs(attempt: number, random: () => number = Math.random): number {
  const base = Math.min(600_000, 1_000 * 2 ** Math.max(0, attempt - 1));
  return Math.round(base * (0.8 + 0.4 * random()));
}

/** Options of one enqueue. */
export interface EnqueueOptions {
  /** Idempotency key: a job of the same kind and key is enqueued once, ever (until purged). */
  key?: string;
  /** Not before this time (epoch ms); default now. */
  runAt?: number;
  /** The executor to write with: pass the caller's transaction so the job commits with it. */
  ex?: Executor;
}

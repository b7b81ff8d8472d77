import { randomUUID } from 'node:crypto';
import type { z } from 'zod';
import type { Db } from '../../db/database';
import type { Clock } from '../clock';
import type { EnqueueOptions, JobKind } from './jobs.kind';
import type { JobRegistry } from './jobs.registry';
import { insertJob } from './jobs.repo';

const DEFAULT_MAX_ATTEMPTS = 5;

/** Adds jobs to the durable queue; pass the caller's transaction to commit a job with a change. */
export class JobQueue {
  private readonly listeners = new Set<() => void>();

  constructor(private readonly deps: { db: Db; clock: Clock; registry: JobRegistry }) {}

  /** Declares a job kind of a module (from its module factory). */
  register<S extends z.ZodType>(kind: JobKind<S>): JobKind<S> {
    this.deps.registry.register(kind);
    return kind;
  }

  get registry(): JobRegistry {
    return this.deps.registry;
  }

  /** Enqueues a job of a declared kind; `inserted` is false when the key was taken already. */
  async enqueue<S extends z.ZodType>(
    kind: JobKind<S>,
    payload: z.input<S>,
    options: EnqueueOptions = {},
  ): Promise<{ id: string; inserted: boolean }> {
    return await this.enqueueByName(kind.kind, payload, options);
  }

  /** Enqueues by kind name (timed jobs, the admin API); the kind must be registered. */
  async enqueueByName(
    name: string,
    payload: unknown,
    options: EnqueueOptions = {},
  ): Promise<{ id: string; inserted: boolean }> {
    const kind = this.deps.registry.get(name);
    if (kind === undefined) throw new Error(`Unknown job kind ${name}`);
    const parsed: unknown = kind.payload.parse(payload);
    const now = this.deps.clock.now();
    const id = randomUUID();
    const inserted = await insertJob(options.ex ?? this.deps.db.kysely, {
      id,
      kind: name,
      key: options.key ?? null,
      payload: JSON.stringify(parsed ?? null),
      status: 'queued',
      runAt: options.runAt ?? now,
      attempts: 0,
      maxAttempts: kind.maxAttempts ?? DEFAULT_MAX_ATTEMPTS,
      leaseOwner: null,
      leaseExpiresAt: null,
      lastError: null,
      progress: null,
      createdAt: now,
      updatedAt: now,
      finishedAt: null,
    });
    // A worker in this process need not wait for its next poll. Inside a caller's
    // transaction the row is not visible yet; the worker's poll finds it after the commit.
    if (inserted) for (const listener of this.listeners) listener();
    return { id, inserted };
  }

  /** Called after each new job (the local worker wakes up). */
  onEnqueued(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }
}

import type { Job, JobList } from '@kiana/contracts';
import type { Db } from '../../db/database';
import { ConflictError, NotFoundError } from '../../errors';
import type { AuditContext, AuditService } from '../../modules/audit/audit.service';
import type { Clock } from '../clock';
import type { JobStatus } from './jobs.tables';
import * as repo from './jobs.repo';

function dto(row: repo.JobRow): Job {
  let progress: Job['progress'] = null;
  if (row.progress !== null) {
    try {
      progress = JSON.parse(row.progress) as Job['progress'];
    } catch {
      progress = null;
    }
  }
  const { payload: _payload, leaseExpiresAt: _lease, ...rest } = row;
  return { ...rest, progress };
}

/** The admin side of the job queue: see what is queued, running and dead; retry the dead. */
export function createJobsService(deps: {
  db: Db;
  clock: Clock;
  audit: AuditService;
  /** Wakes the local worker after a retry. */
  onRetried?: () => void;
}) {
  const { db, clock } = deps;
  return {
    async list(filter: { status?: JobStatus; kind?: string; limit: number }): Promise<JobList> {
      const [rows, counts] = await Promise.all([
        repo.listJobs(db.kysely, filter, filter.limit),
        repo.countByStatus(db.kysely),
      ]);
      return { jobs: rows.map(dto), counts };
    },

    async get(id: string): Promise<Job> {
      const row = await repo.findJob(db.kysely, id);
      if (row === undefined) throw new NotFoundError('Job', id);
      return dto(row);
    },

    /** Puts a dead job back in the queue with fresh attempts. */
    async retry(id: string, by: AuditContext): Promise<Job> {
      const row = await repo.findJob(db.kysely, id);
      if (row === undefined) throw new NotFoundError('Job', id);
      await db.kysely.transaction().execute(async (tx) => {
        if (!(await repo.retryDead(tx, id, clock.now())))
          throw new ConflictError(`Job ${id} is ${row.status}; only dead jobs can be retried`);
        await deps.audit.record(tx, {
          ...by,
          action: 'job.retry',
          target: { type: 'job', id },
          details: { kind: row.kind, attempts: row.attempts },
        });
      });
      deps.onRetried?.();
      return await this.get(id);
    },
  };
}

export type JobsService = ReturnType<typeof createJobsService>;

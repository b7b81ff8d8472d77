import type { Config } from './config';
import type { Db } from './db/database';
import type { Logger } from './logger';
import type { Keyring } from './crypto/keyring';
import type { EventBus } from './events/bus';
import type { Clock } from './platform/clock';
import type { BackgroundWork } from './platform/background';
import type { Scheduler } from './jobs/scheduler';
import type { JobQueue } from './platform/jobs/jobs.queue';
import type { Leases } from './platform/locks/leases';
import type { Invalidations } from './events/invalidations';
import type { SettingsStore } from './platform/settings/settings';
import type { FileStore } from './platform/files/files';
import type { Metrics } from './platform/metrics/metrics';

/** The platform pieces every module receives; modules add their services on top. */
export interface AppContext {
  config: Config;
  db: Db;
  logger: Logger;
  keyring: Keyring;
  bus: EventBus;
  clock: Clock;
  background: BackgroundWork;
  /** Timed jobs: declared by modules, enqueued once per slot by worker processes. */
  scheduler: Scheduler;
  /** The durable job queue: modules register their job kinds here and enqueue with it. */
  jobs: JobQueue;
  /** Named leases with fencing, one holder across processes. */
  leases: Leases;
  /** Cache invalidation that reaches every process (rides the event relay). */
  invalidations: Invalidations;
  /** This process's name as a claimer of jobs and leases, and as an event origin. */
  nodeId: string;
  /** Typed admin-tuned settings (platform/settings). */
  settings: SettingsStore;
  /** Media, uploads and exports: the data directory or a shared bucket (platform/files). */
  files: FileStore;
  /** This process's Prometheus metrics (`GET /metrics`); campaigns record sends here too. */
  metrics: Metrics;
}

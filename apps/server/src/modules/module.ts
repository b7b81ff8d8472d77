import type { ZodApp } from '../http/types';
import type { ScheduledJob } from '../jobs/scheduler';
import type { SeedStep } from '../seed/seeder';

/** What a domain module contributes to the app: routes, timed jobs, sample data. */
export interface Module {
  name: string;
  /**
   * Registers hooks or routes on the root instance, outside `/api/v1` (the access hook,
   * the webhook receiver, the public legal pages). Runs in module order, before any API route.
   */
  install?(app: ZodApp): Promise<void>;
  routes?(app: ZodApp): void | Promise<void>;
  jobs?: ScheduledJob[];
  /** Sample data for demo mode, applied once per database. */
  seeds?: SeedStep[];
  /** Called on shutdown after HTTP has stopped and before the database closes. */
  close?(): Promise<void>;
}

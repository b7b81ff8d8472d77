import type { Config } from './config';
import type { Db } from './db/database';
import type { Logger } from './logger';
import type { Keyring } from './crypto/keyring';
import type { EventBus } from './events/bus';
import type { Clock } from './platform/clock';
import type { BackgroundWork } from './platform/background';
import type { Scheduler } from './jobs/scheduler';
import type { SettingsStore } from './platform/settings/settings';
import type { FileStore } from './platform/files/files';

/** The platform pieces every module receives; modules add their services on top. */
export interface AppContext {
  config: Config;
  db: Db;
  logger: Logger;
  keyring: Keyring;
  bus: EventBus;
  clock: Clock;
  background: BackgroundWork;
  scheduler: Scheduler;
  /** Typed admin-tuned settings (platform/settings). */
  settings: SettingsStore;
  /** Media, uploads and exports: the data directory or a shared bucket (platform/files). */
  files: FileStore;
}

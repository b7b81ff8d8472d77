import type { ContactImportProgress } from '@kiana/contracts';

/** Events of contact imports: the live progress bar. */
declare module '../../../events/bus' {
  interface EventMap {
    'contacts.import.progress': ContactImportProgress;
  }
}

export {};

/** Admin-tuned settings (key → JSON value) and the record of applied seeds. */
export interface SystemTables {
  settings: {
    key: string;
    value: string;
    updatedAt: number;
  };
  seedRuns: {
    key: string;
    appliedAt: number;
  };
}

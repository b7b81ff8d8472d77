/** The append-only security / audit log. Only the retention purge deletes from it. */
export interface AuditTables {
  auditLog: {
    id: string;
    at: number;
    actorType: string;
    actorId: string | null;
    actorName: string | null;
    action: string;
    outcome: string;
    targetType: string | null;
    targetId: string | null;
    ip: string | null;
    userAgent: string | null;
    /** JSON object of scalar values; never holds a secret. */
    details: string;
  };
}

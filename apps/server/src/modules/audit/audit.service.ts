import { randomUUID } from 'node:crypto';
import { validIp } from '../../platform/ip';
import { toCsv } from '../../platform/csv';
import type { AuditEntry, AuditQuery } from '@kiana/contracts';
import type { Executor } from '../../db/executor';
import type { Clock } from '../../platform/clock';
import {
  insertAuditRow,
  listAuditRows,
  purgeAuditBefore,
  type AuditFilter,
  type AuditRow,
} from './audit.repo';

/** Who did something. */
export interface AuditActor {
  type: 'user' | 'api_key' | 'system' | 'anonymous';
  id?: string | null;
  name?: string | null;
}

/**
 * The system acting on its own (timed jobs, webhook intake, seeds, the CLI): passed
 * explicitly by each of them, so no record is ever attributed to "system" by omission.
 */
export function systemActor(name: string): AuditActor {
  return { type: 'system', name };
}

/** Who acts and from where: what a route passes to a service (see http/principal.ts). */
export interface AuditContext {
  actor: AuditActor;
  ip: string | null;
  userAgent: string | null;
}

type DetailValue = string | number | boolean | null;

/** One thing to record. `details` holds scalars only and never a secret. */
export interface AuditRecord {
  actor: AuditActor;
  /** Dotted verb, e.g. `auth.login`, `campaign.approve`, `credentials.set`. */
  action: string;
  outcome?: 'success' | 'failure' | 'denied';
  target?: { type: string; id?: string | null };
  ip?: string | null;
  userAgent?: string | null;
  details?: Record<string, DetailValue | undefined>;
}

/** The audit service other modules call. */
export interface AuditService {
  /**
   * Appends a record on `ex`: the transaction of the change it records, so both commit or
   * neither. A failure propagates (and rolls the change back); it is never swallowed.
   */
  record(ex: Executor, entry: AuditRecord): Promise<void>;
  list(query: AuditQuery): Promise<{ entries: AuditEntry[]; total: number }>;
  /** Every matching record as CSV, newest first (bounded); the export itself is recorded. */
  exportCsv(query: AuditQuery, by: AuditContext): Promise<string>;
  /** Retention: deletes records older than the cut-off. */
  purgeBefore(ex: Executor, cutoff: number): Promise<number>;
}

// A field whose name says it may hold a credential is never stored, whatever its value.
const SECRET_NAME =
  /pass|secret|token|totp|recovery|authori[sz]ation|cookie|credential|apikey$|^key$/i;
const MAX_TEXT = 500;
const EXPORT_LIMIT = 100_000;

/** Keeps scalars, truncates long text, and drops anything named like a secret. */
export function sanitizeDetails(details: AuditRecord['details']): Record<string, DetailValue> {
  const out: Record<string, DetailValue> = {};
  for (const [key, value] of Object.entries(details ?? {})) {
    if (value === undefined) continue;
    if (SECRET_NAME.test(key)) {
      out[key] = '[redacted]';
      continue;
    }
    out[key] = typeof value === 'string' ? value.slice(0, MAX_TEXT) : value;
  }
  return out;
}

function toEntry(row: AuditRow): AuditEntry {
  return {
    id: row.id,
    at: new Date(Number(row.at)).toISOString(),
    actorType: row.actorType as AuditEntry['actorType'],
    actorId: row.actorId,
    actorName: row.actorName,
    action: row.action,
    outcome: row.outcome as AuditEntry['outcome'],
    targetType: row.targetType,
    targetId: row.targetId,
    ip: row.ip,
    userAgent: row.userAgent,
    details: JSON.parse(row.details) as AuditEntry['details'],
  };
}

function toFilter(query: AuditQuery): AuditFilter {
  return {
    action: query.action,
    actor: query.actor,
    outcome: query.outcome,
    ip: query.ip,
    from: query.from === undefined ? undefined : Date.parse(query.from),
    to: query.to === undefined ? undefined : Date.parse(query.to),
  };
}

const CSV_COLUMNS = [
  'at',
  'actorType',
  'actorName',
  'actorId',
  'action',
  'outcome',
  'targetType',
  'targetId',
  'ip',
  'userAgent',
  'details',
] as const;

/** Creates the audit service. */
export function createAuditService(deps: { db: Executor; clock: Clock }): AuditService {
  const { db, clock } = deps;
  const service: AuditService = {
    async record(ex, entry) {
      await insertAuditRow(ex, {
        id: randomUUID(),
        at: clock.now(),
        actorType: entry.actor.type,
        actorId: entry.actor.id ?? null,
        actorName: entry.actor.name ?? null,
        action: entry.action,
        outcome: entry.outcome ?? 'success',
        targetType: entry.target?.type ?? null,
        targetId: entry.target?.id ?? null,
        ip: validIp(entry.ip),
        userAgent: entry.userAgent?.slice(0, MAX_TEXT) ?? null,
        details: JSON.stringify(sanitizeDetails(entry.details)),
      });
    },
    async list(query) {
      const { rows, total } = await listAuditRows(db, toFilter(query), query);
      return { entries: rows.map(toEntry), total };
    },
    async exportCsv(query, by) {
      const { rows } = await listAuditRows(db, toFilter(query), { limit: EXPORT_LIMIT, offset: 0 });
      await service.record(db, {
        ...by,
        action: 'audit.export',
        details: { action: query.action, actor: query.actor },
      });
      return toCsv(CSV_COLUMNS, rows.map(toEntry));
    },
    purgeBefore: (ex, cutoff) => purgeAuditBefore(ex, cutoff),
  };
  return service;
}

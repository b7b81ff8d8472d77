import { graphApiCallPageSchema, graphApiCallQuerySchema } from '@kiana/contracts';
import type { ZodApp } from '../../http/types';
import type { ApiLogRecorder } from './api-log.recorder';
import { listCalls, type GraphApiCallRow } from './api-log.repo';
import type { Executor } from '../../db/executor';

function dto(row: GraphApiCallRow) {
  return { ...row, ok: row.ok === 1 };
}

/** Logs → Graph API: every call the panel made to Meta, newest first. */
export function apiLogRoutes(app: ZodApp, deps: { db: Executor; recorder: ApiLogRecorder }): void {
  app.get(
    '/api-log',
    {
      config: { access: 'logs.read' },
      schema: { querystring: graphApiCallQuerySchema, response: { 200: graphApiCallPageSchema } },
    },
    async (request) => {
      const { limit, cursor, ...filter } = request.query;
      const rows = await listCalls(deps.db, filter, {
        // One more than asked says whether an older page exists.
        limit: limit + 1,
        cursor: parseCursor(cursor),
      });
      const page = rows.slice(0, limit);
      const last = page.at(-1);
      return {
        calls: page.map(dto),
        nextCursor: rows.length > limit && last !== undefined ? `${last.at}.${last.id}` : null,
        dropped: deps.recorder.dropped(),
      };
    },
  );
}

function parseCursor(cursor: string | undefined): { at: number; id: string } | undefined {
  if (cursor === undefined) return undefined;
  const dot = cursor.indexOf('.');
  return { at: Number(cursor.slice(0, dot)), id: cursor.slice(dot + 1) };
}

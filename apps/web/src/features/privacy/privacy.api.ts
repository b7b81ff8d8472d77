import type { TFunction } from 'i18next';
import {
  correctionMatchesSchema,
  deletionPreviewSchema,
  deletionRequestListSchema,
  deletionRequestSchema,
  legalOverviewSchema,
  legalPageStateSchema,
  legalPreviewSchema,
  legalSettingsSchema,
  purgePreviewSchema,
  purgeRunListSchema,
  purgeRunSchema,
  retentionSettingsSchema,
  type DeletionStatus,
  type FulfilCorrection,
  type PrivacyRequestKind,
  type LegalPage,
  type PanelLanguage,
  type LegalSettings,
  type OpenDeletionRequest,
  type RetentionPeriods,
} from '@kiana/contracts';
import { api } from '../../api/client';

/** Query keys of the Privacy section. */
export const privacyKeys = {
  requests: (status?: DeletionStatus, kind?: PrivacyRequestKind) =>
    ['privacy', 'requests', status ?? 'all', kind ?? 'all'] as const,
  request: (id: string) => ['privacy', 'request', id] as const,
  retention: ['privacy', 'retention'] as const,
  purgePreview: ['privacy', 'purge-preview'] as const,
  runs: ['privacy', 'runs'] as const,
  legal: ['privacy', 'legal'] as const,
  legalIn: (language: PanelLanguage) => ['privacy', 'legal', language] as const,
};

/** Typed calls of the Privacy section's API. */
export const privacyApi = {
  listRequests: (status?: DeletionStatus, kind?: PrivacyRequestKind) =>
    api.get('/privacy/requests', deletionRequestListSchema, { status, kind, limit: 200 }),
  getRequest: (id: string) => api.get(`/privacy/requests/${id}`, deletionRequestSchema),
  openRequest: (body: OpenDeletionRequest) =>
    api.post('/privacy/requests', body, deletionRequestSchema),
  setSubject: (id: string, body: { phone?: string | null; email?: string | null }) =>
    api.put(`/privacy/requests/${id}/subject`, body, deletionRequestSchema),
  preview: (id: string) => api.post(`/privacy/requests/${id}/preview`, {}, deletionPreviewSchema),
  execute: (id: string) => api.post(`/privacy/requests/${id}/execute`, {}, deletionRequestSchema),
  matches: (id: string) => api.post(`/privacy/requests/${id}/matches`, {}, correctionMatchesSchema),
  correct: (id: string, body: FulfilCorrection) =>
    api.post(`/privacy/requests/${id}/correct`, body, deletionRequestSchema),
  reject: (id: string, reason: string) =>
    api.post(`/privacy/requests/${id}/reject`, { reason }, deletionRequestSchema),
  retention: () => api.get('/privacy/retention', retentionSettingsSchema),
  saveRetention: (periods: RetentionPeriods) =>
    api.put('/privacy/retention', { periods }, retentionSettingsSchema),
  purgePreview: () => api.get('/privacy/purge/preview', purgePreviewSchema),
  runs: () => api.get('/privacy/purge/runs', purgeRunListSchema),
  runPurge: (dryRun: boolean) => api.post('/privacy/purge/runs', { dryRun }, purgeRunSchema),
  legal: (language: PanelLanguage) => api.get('/privacy/legal', legalOverviewSchema, { language }),
  saveLegalSettings: (body: LegalSettings) =>
    api.put('/privacy/legal/settings', body, legalSettingsSchema),
  publish: (page: LegalPage, language: PanelLanguage, markdown: string, effectiveAt: string) =>
    api.post(
      `/privacy/legal/pages/${page}/versions`,
      { markdown, effectiveAt, language },
      legalPageStateSchema,
    ),
  previewMarkdown: (page: LegalPage, language: PanelLanguage, markdown: string) =>
    api.post('/privacy/legal/preview', { page, markdown, language }, legalPreviewSchema),
};

/** "due in 12 days", "due in 5 hours", "overdue by 2 days". */
export function dueText(
  dueAt: string,
  t: TFunction,
  now = Date.now(),
): { text: string; color: string } {
  const ms = Date.parse(dueAt) - now;
  const abs = Math.abs(ms);
  const days = Math.floor(abs / 86_400_000);
  const span =
    days >= 1
      ? t('privacy.days', { count: days })
      : t('privacy.hours', { count: Math.max(1, Math.floor(abs / 3_600_000)) });
  if (ms < 0) return { text: t('privacy.overdueBy', { span }), color: 'red' };
  return { text: t('privacy.dueIn', { span }), color: days < 7 ? 'orange' : 'gray' };
}

export const statusColors: Record<DeletionStatus, string> = {
  pending: 'yellow',
  in_progress: 'blue',
  done: 'green',
  rejected: 'gray',
};

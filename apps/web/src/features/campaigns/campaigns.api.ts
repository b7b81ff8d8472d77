import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { z } from 'zod';
import {
  campaignDetailSchema,
  campaignPageSchema,
  campaignPreflightSchema,
  campaignProgressSchema,
  campaignSettingsSchema,
  rateCardSchema,
  recipientPageSchema,
  runControlResultSchema,
  sendingNumbersSchema,
  testSendResultSchema,
  type CampaignListQuery,
  type CampaignStatus,
  type CampaignRecipient,
  type CampaignSettings,
  type CreateCampaignInput,
  type RateCardUpdate,
  type RecipientListQuery,
  type RecipientPage,
  type UpdateCampaignInput,
} from '@kiana/contracts';
import { api } from '../../api/client';
import { liveStatuses } from './campaigns.format';

const path = (id: string) => `/campaigns/${encodeURIComponent(id)}`;
const done = z.object({ ok: z.literal(true) });

/** A page of campaigns; the previous page stays on screen while the next loads. */
export function useCampaigns(query: Partial<CampaignListQuery>) {
  return useQuery({
    queryKey: ['campaigns', query],
    queryFn: () => api.get('/campaigns', campaignPageSchema, { ...query }),
    placeholderData: (previous) => previous,
  });
}

/** One campaign; while it may still send, re-read every few seconds (a dropped stream misses events). */
export function useCampaign(id: string | undefined) {
  return useQuery({
    queryKey: ['campaign', id],
    queryFn: () => api.get(path(id ?? ''), campaignDetailSchema),
    enabled: id !== undefined,
    refetchInterval: (query) =>
      query.state.data !== undefined && liveStatuses.includes(query.state.data.status)
        ? 3_000
        : false,
  });
}

/** The review step's numbers: audience after removals, limit, duration, cost, problems. */
export function usePreflight(id: string | undefined, enabled: boolean) {
  return useQuery({
    queryKey: ['campaign', id, 'preflight'],
    queryFn: () => api.get(`${path(id ?? '')}/preflight`, campaignPreflightSchema),
    enabled: enabled && id !== undefined,
  });
}

/** Counts, rate and the per-second series; refreshed by live events and a slow poll. */
export function useProgress(id: string, live: boolean) {
  return useQuery({
    queryKey: ['campaign', id, 'progress'],
    queryFn: () => api.get(`${path(id)}/progress`, campaignProgressSchema),
    refetchInterval: live ? 2_000 : false,
  });
}

/**
 * A page of recipients. While the campaign may still send it is re-read every few seconds (a
 * dropped stream misses events), and the campaign's status is part of the key so the page is
 * read again once the run has ended.
 */
export function useRecipients(
  id: string,
  query: Partial<RecipientListQuery>,
  status: CampaignStatus | undefined,
) {
  const live = status !== undefined && liveStatuses.includes(status);
  return useQuery({
    queryKey: ['campaign', id, 'recipients', query, status],
    queryFn: () => api.get(`${path(id)}/recipients`, recipientPageSchema, { ...query }),
    placeholderData: (previous) => previous,
    refetchInterval: live ? 3_000 : false,
  });
}

function useRefresh() {
  const qc = useQueryClient();
  return async () => {
    await qc.invalidateQueries({ queryKey: ['campaigns'] });
    await qc.invalidateQueries({ queryKey: ['campaign'] });
  };
}

/** Draft saving: create once, then patch the same draft at each step. */
export function useSaveDraft() {
  const refresh = useRefresh();
  return useMutation({
    mutationFn: ({ id, input }: { id: string | undefined; input: CreateCampaignInput }) =>
      id === undefined
        ? api.post('/campaigns', input, campaignDetailSchema)
        : api.patch(path(id), input satisfies UpdateCampaignInput, campaignDetailSchema),
    onSuccess: refresh,
  });
}

export function useDeleteDraft() {
  const refresh = useRefresh();
  return useMutation({
    mutationFn: (id: string) => api.delete(path(id), done),
    onSuccess: refresh,
  });
}

export type ControlAction =
  'launch' | 'approve' | 'reject' | 'pause' | 'resume' | 'cancel' | 'retry';

/** Launch, approval and run control: one POST each, answering the campaign afterwards. */
export function useControl(id: string) {
  const refresh = useRefresh();
  return useMutation({
    mutationFn: (action: ControlAction) =>
      api.post(`${path(id)}/${action}`, {}, runControlResultSchema),
    onSuccess: refresh,
  });
}

export function useTestSend(id: string) {
  return useMutation({
    mutationFn: (numbers: string[]) =>
      api.post(`${path(id)}/test-send`, { numbers }, testSendResultSchema),
  });
}

/**
 * Every recipient matching the filters, a cursor page after another (for the CSV export): a
 * deep page costs the server what the first does.
 */
export async function fetchAllRecipients(
  id: string,
  query: Partial<RecipientListQuery>,
  limit = 50_000,
): Promise<CampaignRecipient[]> {
  const out: CampaignRecipient[] = [];
  let after: number | null = 0;
  while (after !== null && out.length < limit) {
    const res: RecipientPage = await api.get(`${path(id)}/recipients`, recipientPageSchema, {
      ...query,
      after,
      pageSize: 500,
    });
    out.push(...res.recipients);
    after = res.nextAfter;
  }
  return out;
}

/** The numbers a campaign may send from (readable with campaigns.write, for the wizard). */
export function useSendingNumbers() {
  return useQuery({
    queryKey: ['campaigns', 'sending-numbers'],
    queryFn: () => api.get('/campaigns/sending-numbers', sendingNumbersSchema),
  });
}

export function useRateCard() {
  return useQuery({
    queryKey: ['campaigns', 'rate-card'],
    queryFn: () => api.get('/campaigns/rate-card', rateCardSchema),
  });
}

export function useSaveRateCard() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (input: RateCardUpdate) => api.put('/campaigns/rate-card', input, rateCardSchema),
    onSuccess: (data) => qc.setQueryData(['campaigns', 'rate-card'], data),
  });
}

export function useCampaignSettings() {
  return useQuery({
    queryKey: ['campaigns', 'settings'],
    queryFn: () => api.get('/campaigns/settings', campaignSettingsSchema),
  });
}

export function useSaveCampaignSettings() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (input: CampaignSettings) =>
      api.put('/campaigns/settings', input, campaignSettingsSchema),
    onSuccess: (data) => qc.setQueryData(['campaigns', 'settings'], data),
  });
}

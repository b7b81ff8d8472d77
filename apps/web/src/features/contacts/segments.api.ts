import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { z } from 'zod';
import {
  segmentPreviewSchema,
  segmentSchema,
  type SegmentGroup,
  type SegmentInput,
} from '@kiana/contracts';
import { api } from '../../api/client';

const segmentListSchema = z.object({ segments: z.array(segmentSchema) });

/** Every saved segment. */
export function useSegments() {
  return useQuery({
    queryKey: ['segments'],
    queryFn: async () => (await api.get('/segments', segmentListSchema)).segments,
  });
}

/** How many contacts an unsaved tree matches; the last size stays shown while the next loads. */
export function useSegmentSize(filter: SegmentGroup) {
  return useQuery({
    queryKey: ['segment-size', filter],
    queryFn: () => api.post('/segments/preview', { filter }, segmentPreviewSchema),
    placeholderData: (previous) => previous,
  });
}

export function useSaveSegment() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ id, input }: { id: string | null; input: SegmentInput }) =>
      id === null
        ? api.post('/segments', input, segmentSchema)
        : api.put(`/segments/${encodeURIComponent(id)}`, input, segmentSchema),
    onSuccess: () => qc.invalidateQueries({ queryKey: ['segments'] }),
  });
}

export function useDeleteSegment() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => api.delete(`/segments/${encodeURIComponent(id)}`, z.unknown()),
    onSuccess: () => qc.invalidateQueries({ queryKey: ['segments'] }),
  });
}

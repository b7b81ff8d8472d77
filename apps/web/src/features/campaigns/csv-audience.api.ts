import { useMutation, useQuery } from '@tanstack/react-query';
import {
  campaignUploadCheckSchema,
  campaignUploadSchema,
  type CampaignUpload,
} from '@kiana/contracts';
import { api } from '../../api/client';

const uploadsPath = (campaignId: string) => `/campaigns/${encodeURIComponent(campaignId)}/uploads`;
const uploadPath = (campaignId: string, uploadId: string) =>
  `${uploadsPath(campaignId)}/${encodeURIComponent(uploadId)}`;

/** Uploads a CSV to the draft (multipart); answers its header, first rows and guessed column. */
export function useUploadCsv(campaignId: string) {
  return useMutation({
    mutationFn: (file: File) => {
      const form = new FormData();
      form.set('file', file, file.name);
      return api.post(uploadsPath(campaignId), form, campaignUploadSchema);
    },
  });
}

/** The CSV a draft's audience names: header and first rows (for the mapping and the preview). */
export function useCsvUpload(campaignId: string | undefined, uploadId: string | null) {
  return useQuery({
    queryKey: ['campaign', campaignId, 'upload', uploadId],
    queryFn: () => api.get(uploadPath(campaignId ?? '', uploadId ?? ''), campaignUploadSchema),
    enabled: campaignId !== undefined && uploadId !== null,
    staleTime: Infinity,
  });
}

/** Every row of the file checked with the number in `column`: invalid and duplicate rows. */
export function useCsvCheck(campaignId: string, uploadId: string | null, column: number | null) {
  return useQuery({
    queryKey: ['campaign', campaignId, 'upload', uploadId, 'check', column],
    queryFn: () =>
      api.get(`${uploadPath(campaignId, uploadId ?? '')}/check`, campaignUploadCheckSchema, {
        numberColumn: column ?? 0,
      }),
    enabled: uploadId !== null && column !== null,
  });
}

/** Where the browser downloads the removed rows (a plain link: the session cookie goes along). */
export function rejectedCsvUrl(campaignId: string, uploadId: string, column: number): string {
  return `/api/v1${uploadPath(campaignId, uploadId)}/rejected.csv?numberColumn=${column}`;
}

/** A CSV row by header name and by 0-based index as text, as the server reads it. */
export function csvRecord(
  upload: CampaignUpload,
  fields: readonly string[],
): Record<string, string> {
  const out: Record<string, string> = {};
  fields.forEach((value, i) => (out[String(i)] = value));
  upload.header.forEach((name, i) => {
    if (name !== '') out[name] = fields[i] ?? '';
  });
  return out;
}

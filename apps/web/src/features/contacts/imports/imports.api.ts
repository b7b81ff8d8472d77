import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  consentHistorySchema,
  contactImportListSchema,
  contactImportSchema,
  contactUploadPreviewSchema,
  contactUploadSchema,
  type ContactImport,
  type CreateContactImport,
  type ImportDelimiter,
  type ImportEncoding,
} from '@kiana/contracts';
import { api, apiUpload } from '../../../api/client';

const importPath = (id: string) => `/contacts/imports/${encodeURIComponent(id)}`;

/** Streams a file to the server (≤ 100 MB), reporting the fraction sent. */
export function uploadImportFile(file: File, onProgress: (fraction: number) => void) {
  return apiUpload('/contacts/imports/uploads', file, { schema: contactUploadSchema, onProgress });
}

/** What the server reads in the first rows of an upload, with the encoding and delimiter chosen. */
export function useUploadPreview(
  uploadId: string | null,
  chosen: { encoding?: ImportEncoding; delimiter?: ImportDelimiter },
) {
  return useQuery({
    queryKey: ['contact-upload-preview', uploadId, chosen],
    queryFn: () =>
      api.get(
        `/contacts/imports/uploads/${encodeURIComponent(uploadId ?? '')}/preview`,
        contactUploadPreviewSchema,
        chosen,
      ),
    enabled: uploadId !== null,
    placeholderData: (previous) => previous,
  });
}

export function useStartImport() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (input: CreateContactImport) =>
      api.post('/contacts/imports', input, contactImportSchema),
    onSuccess: () => qc.invalidateQueries({ queryKey: ['contact-imports'] }),
  });
}

const isRunning = (i: ContactImport | undefined) =>
  i !== undefined && (i.status === 'queued' || i.status === 'running');

/**
 * One import. Live events drive the bar; the poll is the fallback for an event that never
 * arrived (a dropped stream, another process), so it only runs while the import does.
 */
export function useContactImport(id: string) {
  return useQuery({
    queryKey: ['contact-imports', id],
    queryFn: () => api.get(importPath(id), contactImportSchema),
    refetchInterval: (query) => (isRunning(query.state.data) ? 3_000 : false),
  });
}

/** The latest imports, newest first. */
export function useContactImports() {
  return useQuery({
    queryKey: ['contact-imports', 'list'],
    queryFn: async () =>
      (await api.get('/contacts/imports', contactImportListSchema, { limit: 50 })).imports,
    refetchInterval: (query) => (query.state.data?.some(isRunning) === true ? 5_000 : false),
  });
}

/** Where the browser downloads the rejected rows of an import (the session cookie goes along). */
export const rejectedCsvUrl = (id: string) => `/api/v1${importPath(id)}/rejected.csv`;

/** A contact's consent ledger, newest first. */
export function useConsentHistory(contactId: string) {
  return useQuery({
    queryKey: ['consent-history', contactId],
    queryFn: () =>
      api.get(`/contacts/${encodeURIComponent(contactId)}/consent`, consentHistorySchema),
  });
}

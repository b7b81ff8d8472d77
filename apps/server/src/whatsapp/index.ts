/**
 * The one Graph API client (ARCHITECTURE.md "Outside systems sit behind one small port each").
 *
 *   const graph = createGraphClient({ baseUrl: config.graphUrl });        // one per process
 *   const api = graph.forAccount({ accessToken, apiVersion: 'v23.0' });   // per account
 *   await api.sendMessage(phoneNumberId, { to, type: 'text', text: { body: 'Hi' } });
 *
 * Every failure is a GraphApiError with a `classification` (graph.classify.ts) and
 * `isRetrySafe`; `retryDelayMs()` (graph.backoff.ts) says how long to wait, or `undefined`
 * when the request must not be repeated. An `unknown-outcome` send is reconciled through
 * status webhooks, never retried blindly.
 */
export * from './graph.classify';
export * from './graph.errors';
export * from './graph.network';
export * from './graph.backoff';
export * from './graph.schemas';
export * from './graph.paging';
export * from './graph.transport';
export * from './graph.client';
export type { MediaUpload, DownloadedMedia, DownloadOptions } from './graph.media';
export type { ListTemplatesOptions } from './graph.templates';
export type { MarkAsReadOptions, MessageContent, Recipient } from './graph.messages';
export { buildSendRequest } from './graph.messages';
export { uploadFileTypes, type ResumableFile, type UploadFileType } from './graph.uploads';
export * from './graph.retry';
export * from './graph.failures';

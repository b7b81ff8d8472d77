import {
  GraphTransport,
  type GraphCredentials,
  type GraphTransportOptions,
} from './graph.transport';
import {
  markAsRead,
  sendMessage,
  sendTo,
  type MarkAsReadOptions,
  type MessageContent,
  type Recipient,
} from './graph.messages';
import {
  createTemplate,
  deleteTemplate,
  listAllTemplates,
  listTemplates,
  type ListTemplatesOptions,
} from './graph.templates';
import {
  getPhoneNumber,
  getWaba,
  listAllPhoneNumbers,
  listPhoneNumbers,
  subscribeApp,
} from './graph.account';
import {
  deleteMedia,
  downloadMedia,
  getMediaUrl,
  uploadMedia,
  type DownloadedMedia,
  type DownloadOptions,
  type MediaUpload,
} from './graph.media';
import {
  getUploadOffset,
  resumeUpload,
  startUploadSession,
  uploadFileForHandle,
  type ResumableFile,
  type UploadFileType,
} from './graph.uploads';
import type {
  CreateTemplateBody,
  CreateTemplateResponse,
  MediaUrl,
  MessageTemplate,
  PhoneNumber,
  PhoneNumberPage,
  SendMessageBody,
  SendMessageResponse,
  SuccessResponse,
  TemplatePage,
  Waba,
} from './graph.schemas';

/**
 * The Graph API as one account sees it: every call carries that account's token and API
 * version. The credentials live in a private field, so logging or serialising this object
 * never prints the token.
 */
export class AccountGraphApi {
  readonly #t: GraphTransport;
  readonly #creds: GraphCredentials;

  constructor(transport: GraphTransport, creds: GraphCredentials) {
    this.#t = transport;
    this.#creds = { ...creds };
  }

  /** The Graph API version this account calls. */
  get apiVersion(): string {
    return this.#creds.apiVersion;
  }

  /** Sends a message of any type from `phoneNumberId`. */
  sendMessage(phoneNumberId: string, body: SendMessageBody): Promise<SendMessageResponse> {
    return sendMessage(this.#t, this.#creds, phoneNumberId, body);
  }

  /** Sends `content` to a phone number (`to`) or a business-scoped user id (`recipient`). */
  sendTo(
    phoneNumberId: string,
    recipient: Recipient,
    content: MessageContent,
  ): Promise<SendMessageResponse> {
    return sendTo(this.#t, this.#creds, phoneNumberId, recipient, content);
  }

  /** Marks an inbound message as read (optionally showing a typing indicator). */
  markAsRead(
    phoneNumberId: string,
    messageId: string,
    options?: MarkAsReadOptions,
  ): Promise<SuccessResponse> {
    return markAsRead(this.#t, this.#creds, phoneNumberId, messageId, options);
  }

  /** One page of templates. */
  listTemplates(wabaId: string, options?: ListTemplatesOptions): Promise<TemplatePage> {
    return listTemplates(this.#t, this.#creds, wabaId, options);
  }

  /** Every template, all pages. */
  listAllTemplates(
    wabaId: string,
    options?: Omit<ListTemplatesOptions, 'after' | 'before'>,
  ): Promise<MessageTemplate[]> {
    return listAllTemplates(this.#t, this.#creds, wabaId, options);
  }

  /** Submits a new template for review. */
  createTemplate(wabaId: string, body: CreateTemplateBody): Promise<CreateTemplateResponse> {
    return createTemplate(this.#t, this.#creds, wabaId, body);
  }

  /** Deletes a template by name (all languages) or one language version by `hsmId`. */
  deleteTemplate(
    wabaId: string,
    target: { name: string; hsmId?: string },
  ): Promise<SuccessResponse> {
    return deleteTemplate(this.#t, this.#creds, wabaId, target);
  }

  /** Reads the WhatsApp Business Account. */
  getWaba(wabaId: string, fields?: readonly string[]): Promise<Waba> {
    return getWaba(this.#t, this.#creds, wabaId, fields);
  }

  /** One page of the WABA's phone numbers. */
  listPhoneNumbers(
    wabaId: string,
    options?: { fields?: readonly string[]; limit?: number; after?: string },
  ): Promise<PhoneNumberPage> {
    return listPhoneNumbers(this.#t, this.#creds, wabaId, options);
  }

  /** Every phone number of the WABA. */
  listAllPhoneNumbers(wabaId: string, fields?: readonly string[]): Promise<PhoneNumber[]> {
    return listAllPhoneNumbers(this.#t, this.#creds, wabaId, fields);
  }

  /** Reads one phone number with the given fields. */
  getPhoneNumber(phoneNumberId: string, fields?: readonly string[]): Promise<PhoneNumber> {
    return getPhoneNumber(this.#t, this.#creds, phoneNumberId, fields);
  }

  /** Subscribes the app to the WABA's webhooks. */
  subscribeApp(
    wabaId: string,
    override?: { callbackUri: string; verifyToken: string },
  ): Promise<SuccessResponse> {
    return subscribeApp(this.#t, this.#creds, wabaId, override);
  }

  /** Uploads media (multipart) and returns its id. */
  uploadMedia(phoneNumberId: string, file: MediaUpload): Promise<{ id: string }> {
    return uploadMedia(this.#t, this.#creds, phoneNumberId, file);
  }

  /** Resolves a media id to a short-lived URL. */
  getMediaUrl(mediaId: string, phoneNumberId?: string): Promise<MediaUrl> {
    return getMediaUrl(this.#t, this.#creds, mediaId, phoneNumberId);
  }

  /** Deletes uploaded media. */
  deleteMedia(mediaId: string, phoneNumberId?: string): Promise<SuccessResponse> {
    return deleteMedia(this.#t, this.#creds, mediaId, phoneNumberId);
  }

  /** Downloads a media URL with the token, up to `maxBytes`. */
  downloadMedia(url: string, options: DownloadOptions): Promise<DownloadedMedia> {
    return downloadMedia(this.#t, this.#creds, url, options);
  }

  /** Uploads a file with the Resumable Upload API; returns the handle for `header_handle`. */
  uploadFileForHandle(
    appId: string,
    file: ResumableFile,
    options?: { attempts?: number },
  ): Promise<{ handle: string; sessionId: string }> {
    return uploadFileForHandle(this.#t, this.#creds, appId, file, options);
  }

  /** Opens a Resumable Upload session; returns its `upload:…` id. */
  startUploadSession(
    appId: string,
    file: { fileName: string; fileLength: number; fileType: UploadFileType },
  ): Promise<string> {
    return startUploadSession(this.#t, this.#creds, appId, file);
  }

  /** How many bytes of an upload session Meta already has. */
  getUploadOffset(sessionId: string): Promise<number> {
    return getUploadOffset(this.#t, this.#creds, sessionId);
  }

  /** Sends the rest of a file to an interrupted session; returns the handle. */
  resumeUpload(
    sessionId: string,
    data: Uint8Array,
    options?: { attempts?: number },
  ): Promise<string> {
    return resumeUpload(this.#t, this.#creds, sessionId, data, options);
  }

  /** Hides the credentials from `util.inspect` (and so from loggers that use it). */
  toJSON(): { apiVersion: string } {
    return { apiVersion: this.#creds.apiVersion };
  }
}

/** One Graph API client per base URL; accounts are views over its connection pool. */
export class GraphClient {
  readonly transport: GraphTransport;

  constructor(options: GraphTransportOptions) {
    this.transport = new GraphTransport(options);
  }

  /** The API of one account: its token and Graph API version on every call. */
  forAccount(creds: GraphCredentials): AccountGraphApi {
    return new AccountGraphApi(this.transport, creds);
  }

  /** Closes the pooled connections. */
  close(): Promise<void> {
    return this.transport.close();
  }
}

/** Creates the client for `config.graphUrl` (`KIANA_GRAPH_URL`). */
export function createGraphClient(options: GraphTransportOptions): GraphClient {
  return new GraphClient(options);
}

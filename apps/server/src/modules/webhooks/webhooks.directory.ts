/**
 * What the webhook receiver needs from the accounts and templates modules, as a small
 * port: tests pass a fake, app.ts passes the real accounts service.
 */

/** Decrypted webhook credentials of one account. */
export interface WebhookCredential {
  accountId: string;
  wabaId: string;
  appSecret: string;
  verifyToken: string;
  /** The account's phone number ids as last synced (attribution of `messages` changes). */
  phoneNumberIds?: readonly string[];
}

export interface WebhookAccountDirectory {
  listWebhookCredentials(): Promise<WebhookCredential[]>;
  /** Throttled by the implementation; called at most once a second per account here. */
  noteWebhookReceived?(accountId: string, at: number): Promise<void>;
  noteSignatureFailure?(accountId: string | null, at: number): Promise<void>;
}

/** Applies one change of a field owned by another module (templates, numbers, account). */
export type WebhookFieldHandler = (wabaId: string, value: unknown) => Promise<void>;

/** Handlers by webhook field, e.g. `message_template_status_update`. */
export type WebhookFieldHandlers = Partial<Record<string, WebhookFieldHandler>>;

/** Fields handed to other modules; applied after the intake transaction commits. */
export const delegatedFields = [
  'message_template_status_update',
  'message_template_quality_update',
  'message_template_components_update',
  'template_category_update',
  'phone_number_quality_update',
  'phone_number_name_update',
  'account_update',
  'business_capability_update',
] as const;

/** A directory with fixed credentials, for tests and the benchmark. */
export function staticDirectory(credentials: WebhookCredential[]): WebhookAccountDirectory {
  return { listWebhookCredentials: () => Promise.resolve(credentials) };
}

import { z } from 'zod';

/**
 * The failure catalogue: every Meta error code the panel can meet (synchronous Graph API
 * answers and `failed` status webhooks), what it means in plain words and what to do, for
 * campaigns, the inbox, the logs and reports alike. Codes and categories follow Meta's
 * error-codes page as catalogued in shared/cloud-api/NOTES.md §2.4; the category of each code
 * is the one the server's Graph client gives it (a server test holds the two together).
 * The words live in the web catalogues under `failures.explanation.*` / `failures.action.*`,
 * in every language; `title` is Meta's own English title, for logs and exports.
 */

/** What a failure means for whoever sent: the Graph client's classes (graph.classify.ts). */
export const failureCategories = [
  'retryable',
  'throttled',
  'pair-limited',
  'window-closed',
  'spam-quality',
  'permanent',
  'auth',
  'unknown-outcome',
] as const;
export const failureCategorySchema = z.enum(failureCategories);
export type FailureCategory = z.infer<typeof failureCategorySchema>;

/** One code (or, with `to`, a range of codes Meta documents as a family). */
export interface FailureEntry {
  code: number;
  /** Last code of a range (inclusive); exact codes are matched before ranges. */
  to?: number;
  category: FailureCategory;
  /** Whether the same message may be sent again later and succeed (perhaps after a wait). */
  retryable: boolean;
  /** Meta's English title (Meta says titles will be deprecated: never branch on it). */
  title: string;
  /** Key under `failures.explanation` in the web catalogues. */
  explanation: string;
  /** Key under `failures.action` in the web catalogues. */
  action: string;
}

// prettier-ignore
const entries: readonly FailureEntry[] = [
  { code: 0, category: 'auth', retryable: false, title: 'AuthException', explanation: 'authToken', action: 'renewToken' },
  { code: 1, category: 'retryable', retryable: true, title: 'API Unknown', explanation: 'unknownError', action: 'retryLater' },
  { code: 2, category: 'retryable', retryable: true, title: 'API Service', explanation: 'serviceDown', action: 'retryLater' },
  { code: 3, category: 'permanent', retryable: false, title: 'API Method', explanation: 'permission', action: 'grantPermission' },
  { code: 4, category: 'throttled', retryable: true, title: 'API Too Many Calls', explanation: 'appRateLimit', action: 'slowDown' },
  { code: 10, category: 'auth', retryable: false, title: 'Permission Denied', explanation: 'permission', action: 'grantPermission' },
  { code: 17, category: 'throttled', retryable: true, title: 'User request limit reached', explanation: 'appRateLimit', action: 'slowDown' },
  { code: 100, category: 'permanent', retryable: false, title: 'Invalid parameter', explanation: 'invalidParameter', action: 'fixRequest' },
  { code: 102, category: 'auth', retryable: false, title: 'Session key invalid', explanation: 'authToken', action: 'renewToken' },
  { code: 104, category: 'auth', retryable: false, title: 'Access token required', explanation: 'authToken', action: 'renewToken' },
  { code: 190, category: 'auth', retryable: false, title: 'Access token has expired', explanation: 'authToken', action: 'renewToken' },
  { code: 200, to: 299, category: 'auth', retryable: false, title: 'API Permission', explanation: 'permission', action: 'grantPermission' },
  { code: 368, category: 'auth', retryable: false, title: 'Temporarily blocked for policies violations', explanation: 'policyBlock', action: 'waitRestriction' },
  { code: 470, category: 'window-closed', retryable: false, title: 'Re-engagement message', explanation: 'windowClosed', action: 'sendTemplate' },
  { code: 803, category: 'permanent', retryable: false, title: 'Some of the aliases you requested do not exist', explanation: 'objectMissing', action: 'checkObject' },
  { code: 2500, category: 'permanent', retryable: false, title: 'Unknown path components', explanation: 'invalidParameter', action: 'fixRequest' },
  { code: 80007, category: 'throttled', retryable: true, title: 'Rate limit issues', explanation: 'wabaRateLimit', action: 'slowDown' },
  { code: 80008, category: 'throttled', retryable: true, title: 'Business request limit reached', explanation: 'wabaRateLimit', action: 'slowDown' },
  { code: 130429, category: 'throttled', retryable: true, title: 'Rate limit hit', explanation: 'throughput', action: 'slowDown' },
  { code: 130472, category: 'permanent', retryable: false, title: "User's number is part of an experiment", explanation: 'experiment', action: 'noResend' },
  { code: 130497, category: 'permanent', retryable: false, title: 'Business account is restricted from messaging users in this country', explanation: 'countryRestricted', action: 'skipCountry' },
  { code: 131000, category: 'retryable', retryable: true, title: 'Something went wrong', explanation: 'unknownError', action: 'retryLater' },
  { code: 131005, category: 'auth', retryable: false, title: 'Access denied', explanation: 'permission', action: 'grantPermission' },
  { code: 131008, category: 'permanent', retryable: false, title: 'Required parameter is missing', explanation: 'missingParam', action: 'fixRequest' },
  { code: 131009, category: 'permanent', retryable: false, title: 'Parameter value is not valid', explanation: 'invalidValue', action: 'fixRequest' },
  { code: 131016, category: 'retryable', retryable: true, title: 'Service unavailable', explanation: 'serviceDown', action: 'retryLater' },
  { code: 131021, category: 'permanent', retryable: false, title: 'Recipient cannot be sender', explanation: 'selfRecipient', action: 'fixRecipient' },
  { code: 131026, category: 'permanent', retryable: false, title: 'Message undeliverable', explanation: 'undeliverable', action: 'skipNumber' },
  { code: 131030, category: 'permanent', retryable: false, title: 'Recipient phone number not in allowed list', explanation: 'notAllowListed', action: 'addAllowList' },
  { code: 131031, category: 'auth', retryable: false, title: 'Business Account locked', explanation: 'accountLocked', action: 'contactMeta' },
  { code: 131037, category: 'permanent', retryable: false, title: 'WhatsApp provided number needs display name approval', explanation: 'displayName', action: 'approveName' },
  { code: 131042, category: 'auth', retryable: false, title: 'Business eligibility payment issue', explanation: 'payment', action: 'fixPayment' },
  { code: 131045, category: 'permanent', retryable: false, title: 'Incorrect certificate', explanation: 'certificate', action: 'reregister' },
  { code: 131047, category: 'window-closed', retryable: false, title: 'Re-engagement message', explanation: 'windowClosed', action: 'sendTemplate' },
  { code: 131048, category: 'spam-quality', retryable: false, title: 'Spam rate limit hit', explanation: 'spamLimit', action: 'pauseCampaigns' },
  { code: 131049, category: 'spam-quality', retryable: true, title: 'This message was not delivered to maintain healthy ecosystem engagement', explanation: 'marketingCap', action: 'wait24h' },
  { code: 131050, category: 'spam-quality', retryable: false, title: 'User has stopped marketing messages', explanation: 'optedOut', action: 'respectOptOut' },
  { code: 131051, category: 'permanent', retryable: false, title: 'Unsupported message type', explanation: 'unsupportedType', action: 'changeType' },
  { code: 131052, category: 'permanent', retryable: false, title: 'Media download error', explanation: 'inboundMedia', action: 'askResend' },
  { code: 131053, category: 'permanent', retryable: false, title: 'Media upload error', explanation: 'mediaUpload', action: 'fixMedia' },
  { code: 131056, category: 'pair-limited', retryable: true, title: '(Business Account, Consumer Account) pair rate limit hit', explanation: 'pairLimit', action: 'pairWait' },
  { code: 131057, category: 'retryable', retryable: true, title: 'Account in maintenance mode', explanation: 'maintenance', action: 'retryLater' },
  { code: 131062, category: 'permanent', retryable: false, title: 'Business-scoped user ID recipients not supported', explanation: 'needsPhone', action: 'askPhone' },
  { code: 131063, category: 'permanent', retryable: false, title: 'Marketing templates disabled for Cloud API', explanation: 'marketingDisabled', action: 'useMarketingApi' },
  { code: 131064, category: 'spam-quality', retryable: false, title: 'Messaging limit reached due to template classification violations', explanation: 'classificationLimit', action: 'pauseCampaigns' },
  { code: 132000, category: 'permanent', retryable: false, title: 'Template param count mismatch', explanation: 'templateParams', action: 'fixTemplateParams' },
  { code: 132001, category: 'permanent', retryable: false, title: 'Template does not exist', explanation: 'templateMissing', action: 'checkTemplate' },
  { code: 132005, category: 'permanent', retryable: false, title: 'Template hydrated text too long', explanation: 'templateTooLong', action: 'fixTemplateParams' },
  { code: 132007, category: 'permanent', retryable: false, title: 'Template format character policy violated', explanation: 'templateFormat', action: 'fixTemplateParams' },
  { code: 132008, category: 'permanent', retryable: false, title: 'Template parameter value invalid', explanation: 'templateParams', action: 'fixTemplateParams' },
  { code: 132012, category: 'permanent', retryable: false, title: 'Template parameter format mismatch', explanation: 'templateParams', action: 'fixTemplateParams' },
  { code: 132015, category: 'permanent', retryable: false, title: 'Template is paused', explanation: 'templatePaused', action: 'waitTemplate' },
  { code: 132016, category: 'permanent', retryable: false, title: 'Template is disabled', explanation: 'templateDisabled', action: 'newTemplate' },
  { code: 132018, category: 'permanent', retryable: false, title: 'Template parameters issue', explanation: 'templateParams', action: 'fixTemplateParams' },
  { code: 132068, category: 'permanent', retryable: false, title: 'Flow is in blocked state', explanation: 'flowBlocked', action: 'fixFlow' },
  { code: 132069, category: 'permanent', retryable: false, title: 'Flow is in throttled state', explanation: 'flowThrottled', action: 'waitFlow' },
  { code: 132000, to: 132999, category: 'permanent', retryable: false, title: 'Template error', explanation: 'templateProblem', action: 'checkTemplate' },
  { code: 133000, category: 'permanent', retryable: false, title: 'Incomplete deregistration', explanation: 'registration', action: 'reregister' },
  { code: 133004, category: 'retryable', retryable: true, title: 'Server temporarily unavailable', explanation: 'serviceDown', action: 'retryLater' },
  { code: 133005, category: 'permanent', retryable: false, title: 'Two step verification PIN mismatch', explanation: 'pinMismatch', action: 'checkPin' },
  { code: 133006, category: 'permanent', retryable: false, title: 'Phone number re-verification needed', explanation: 'reverify', action: 'reregister' },
  { code: 133008, category: 'permanent', retryable: false, title: 'Too many two step verification PIN guesses', explanation: 'pinMismatch', action: 'waitRegister' },
  { code: 133009, category: 'permanent', retryable: false, title: 'Two step verification PIN guessed too fast', explanation: 'pinMismatch', action: 'waitRegister' },
  { code: 133010, category: 'permanent', retryable: false, title: 'Phone number not registered', explanation: 'registration', action: 'reregister' },
  { code: 133015, category: 'permanent', retryable: false, title: 'Please wait a few minutes before attempting to register this phone number', explanation: 'registerWait', action: 'waitRegister' },
  { code: 133016, category: 'throttled', retryable: true, title: 'Account register or deregister rate limit exceeded', explanation: 'registerWait', action: 'waitRegister' },
  { code: 133000, to: 133999, category: 'permanent', retryable: false, title: 'Registration error', explanation: 'registration', action: 'reregister' },
  { code: 134011, category: 'permanent', retryable: false, title: 'Phone number setup error', explanation: 'numberSetup', action: 'checkDetails' },
  { code: 135000, category: 'permanent', retryable: false, title: 'Generic user error', explanation: 'genericUser', action: 'checkDetails' },
  { code: 137000, category: 'permanent', retryable: false, title: 'Identity key hash mismatch', explanation: 'identityKey', action: 'checkDetails' },
  { code: 139000, to: 139999, category: 'permanent', retryable: false, title: 'Block users error', explanation: 'blockUsers', action: 'checkDetails' },
  { code: 2388000, to: 2388999, category: 'permanent', retryable: false, title: 'Template creation error', explanation: 'templateCreation', action: 'fixTemplateDraft' },
];

const exact = new Map(entries.filter((e) => e.to === undefined).map((e) => [e.code, e]));
const ranges = entries.filter((e) => e.to !== undefined);

/** Every entry, exact codes and ranges (for tests, docs and listings). */
export const failureCatalogue: readonly FailureEntry[] = entries;

/** The entry for a code: the exact code first, then the range it falls in; else undefined. */
export function findFailure(code: number): FailureEntry | undefined {
  return exact.get(code) ?? ranges.find((e) => code >= e.code && code <= (e.to ?? e.code));
}

/** What a screen or an export shows for a code: always an answer, also for unknown codes. */
export const failureDescriptionSchema = z.object({
  code: z.number().int(),
  isKnown: z.boolean(),
  category: failureCategorySchema.nullable(),
  retryable: z.boolean(),
  title: z.string(),
  /** Full i18n keys, e.g. `failures.explanation.undeliverable`. */
  explanationKey: z.string(),
  actionKey: z.string(),
});
export type FailureDescription = z.infer<typeof failureDescriptionSchema>;

/**
 * Describes a code. An unknown code gets the generic explanation (which names the code) and
 * the advice to read Meta's details; it is not retried, like the Graph client's default.
 */
export function describeFailure(code: number): FailureDescription {
  const entry = findFailure(code);
  if (entry === undefined) {
    return {
      code,
      isKnown: false,
      category: null,
      retryable: false,
      title: `Meta error ${code}`,
      explanationKey: 'failures.unknownExplanation',
      actionKey: 'failures.action.checkDetails',
    };
  }
  return {
    code,
    isKnown: true,
    category: entry.category,
    retryable: entry.retryable,
    title: entry.title,
    explanationKey: `failures.explanation.${entry.explanation}`,
    actionKey: `failures.action.${entry.action}`,
  };
}

import { z } from 'zod';
import { isTimeZone } from './languages';

const hhmm = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$|^24:00$/, 'HH:MM');

/** One opening interval of a weekday (0 Sunday … 6 Saturday), local time, start before end. */
export const openingIntervalSchema = z
  .object({ day: z.number().int().min(0).max(6), start: hhmm, end: hhmm })
  .refine((i) => i.start < i.end, 'start is before end');
export type OpeningInterval = z.infer<typeof openingIntervalSchema>;

/** A sending number's weekly hours and the reply sent outside them. */
export const numberHoursSchema = z.object({
  phoneNumberId: z.string().min(1).max(64),
  timeZone: z.string().min(1).max(64).refine(isTimeZone, 'an IANA time zone'),
  intervals: z.array(openingIntervalSchema).max(50),
  awayMessage: z.string().trim().min(1).max(1024),
});
export type NumberHours = z.infer<typeof numberHoursSchema>;

/** A keyword auto-reply; `language` null matches every contact (case-insensitive match). */
export const keywordRuleSchema = z.object({
  match: z.enum(['exact', 'contains']),
  keyword: z.string().trim().min(1).max(100),
  language: z.string().min(2).max(16).nullable(),
  reply: z.string().trim().min(1).max(1024),
});
export type KeywordRule = z.infer<typeof keywordRuleSchema>;

/** Every inbox automation, each on or off (Settings → Automations). */
export const automationSettingsSchema = z.object({
  /** At most one automatic reply per conversation in this many minutes (no bot loops). */
  replyCooldownMinutes: z.number().int().min(1).max(1440),
  businessHours: z.object({
    isEnabled: z.boolean(),
    numbers: z
      .array(numberHoursSchema)
      .max(50)
      .refine(
        (ns) => new Set(ns.map((n) => n.phoneNumberId)).size === ns.length,
        'a number is listed once',
      ),
  }),
  welcome: z.object({ isEnabled: z.boolean(), message: z.string().max(1024) }),
  keywords: z.object({ isEnabled: z.boolean(), rules: z.array(keywordRuleSchema).max(100) }),
  autoAssign: z.object({
    isEnabled: z.boolean(),
    maxOpenPerAgent: z.number().int().min(1).max(10_000),
  }),
  autoClose: z.object({ isEnabled: z.boolean(), afterDays: z.number().int().min(1).max(365) }),
});
export type AutomationSettings = z.infer<typeof automationSettingsSchema>;

/** What fired, as recorded in the thread (a note whose text is this name). */
export const automationNameSchema = z.enum([
  'away_reply',
  'welcome_reply',
  'keyword_reply',
  'auto_assign',
  'auto_close',
]);
export type AutomationName = z.infer<typeof automationNameSchema>;

/** A team member, their online / away setting, and whether auto-assignment may give them new conversations. */
export const agentAvailabilitySchema = z.object({
  userId: z.string(),
  displayName: z.string(),
  /** Their own setting: online (true) or away (false). */
  isAvailable: z.boolean(),
  /** Online and signed in (a live session): the round-robin gives new conversations only to these. */
  isOnline: z.boolean(),
  openConversations: z.number().int(),
});
export type AgentAvailability = z.infer<typeof agentAvailabilitySchema>;

export const agentAvailabilityListSchema = z.object({
  agents: z.array(agentAvailabilitySchema),
});
export const availabilityBodySchema = z.object({ isAvailable: z.boolean() });
export type AvailabilityBody = z.infer<typeof availabilityBodySchema>;

/** The `agents.availability` live event: a team member went online or away. */
export const availabilityEventSchema = z.object({ userId: z.string(), isAvailable: z.boolean() });
export const agentIdParamsSchema = z.object({ userId: z.string().min(1).max(64) });

import type { CampaignDetail, CreateCampaignInput } from '@kiana/contracts';

/** What the wizard edits: the create body (the same fields a PATCH of the draft takes). */
export type WizardForm = CreateCampaignInput;

export const emptyForm = (): WizardForm => ({
  name: '',
  phoneNumberId: '',
  templateId: '',
  audience: { segmentIds: [], tagIds: [], numbers: [], uploadId: null, csvNumberColumn: null },
  variables: {},
  headerMedia: null,
  channel: 'cloud_api',
  scheduleAt: null,
  scheduleTimeZone: null,
  sendWindow: null,
  frequencyCap: null,
  consecutiveFailureLimit: 50,
  replyAttributionHours: 72,
  unknownAfterMinutes: 60,
});

/** A saved draft back into the form (coming back to the wizard keeps the work). */
export function formOf(c: CampaignDetail): WizardForm {
  return {
    name: c.name,
    phoneNumberId: c.phoneNumberId,
    templateId: c.templateId,
    audience: c.audience,
    variables: c.variables,
    headerMedia: c.headerMedia,
    channel: c.channel,
    scheduleAt: c.scheduleAt,
    scheduleTimeZone: c.scheduleTimeZone,
    sendWindow: c.sendWindow,
    frequencyCap: c.frequencyCap,
    consecutiveFailureLimit: c.consecutiveFailureLimit,
    replyAttributionHours: c.replyAttributionHours,
    unknownAfterMinutes: c.unknownAfterMinutes,
  };
}

/** Numbers as pasted: one per line, or separated by commas or semicolons. */
export function parseNumbers(text: string): string[] {
  return [
    ...new Set(
      text
        .split(/[\n,;]+/)
        .map((s) => s.trim())
        .filter((s) => s !== ''),
    ),
  ];
}

export type StepProps = {
  form: WizardForm;
  onChange: (patch: Partial<WizardForm>) => void;
};

import { automationSettingsSchema, type AutomationSettings } from '@kiana/contracts';
import { defineSetting } from '../../platform/settings/settings';

/** Every inbox automation starts off; the anti-loop period defaults to 10 minutes. */
export const automationSettings = defineSetting<AutomationSettings>({
  key: 'inbox.automations',
  schema: automationSettingsSchema,
  defaultValue: () => ({
    replyCooldownMinutes: 10,
    businessHours: { isEnabled: false, numbers: [] },
    welcome: { isEnabled: false, message: '' },
    keywords: { isEnabled: false, rules: [] },
    autoAssign: { isEnabled: false, maxOpenPerAgent: 20 },
    autoClose: { isEnabled: false, afterDays: 7 },
  }),
});

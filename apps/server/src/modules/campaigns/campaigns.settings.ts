import { z } from 'zod';
import { defineSetting } from '../../platform/settings/settings';

/**
 * Maker/checker: when on, launching a campaign needs a second user with `campaigns.approve`.
 * Read at launch time, so turning it on holds back every later launch.
 */
export const approvalRequiredSetting = defineSetting<boolean>({
  key: 'campaigns.approvalRequired',
  schema: z.boolean(),
  defaultValue: () => false,
});

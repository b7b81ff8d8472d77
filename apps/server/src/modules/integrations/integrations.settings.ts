import { z } from 'zod';
import { defineSetting } from '../../platform/settings/settings';

/** Addresses (CIDR or single) outgoing webhooks may reach although private or loopback. */
export const allowedPrivateSetting = defineSetting({
  key: 'integrations.allowed_private_addresses',
  schema: z.array(z.string().max(64)).max(50),
  defaultValue: () => [],
});

/** An endpoint failing without a success for this many hours is disabled. */
export const disableAfterHoursSetting = defineSetting({
  key: 'integrations.disable_after_hours',
  schema: z.number().int().min(1).max(168),
  defaultValue: () => 24,
});

import { z } from 'zod';

/** Settings → Metrics as the API shows it: the token only as `{ isSet, hint }`. */
export const metricsSettingsSchema = z.object({
  token: z.object({ isSet: z.boolean(), hint: z.string().nullable() }),
  /** Addresses or CIDR blocks allowed to scrape; empty = any address that has the token. */
  allowList: z.array(z.string()),
});
export type MetricsSettings = z.infer<typeof metricsSettingsSchema>;

/** The allow-list (the server checks each entry is an IP address or CIDR block). */
export const updateMetricsSettingsSchema = z.object({
  allowList: z.array(z.string().trim().min(1).max(64)).max(100),
});

/** The new scrape token, shown once. */
export const metricsTokenSchema = z.object({ token: z.string() });

import { z } from 'zod';
import { defineSetting } from '../../platform/settings/settings';

/** The bearer token Prometheus sends to `GET /metrics`; empty = the endpoint answers 401. */
export const metricsTokenSetting = defineSetting({
  key: 'metrics.token',
  schema: z.string(),
  defaultValue: () => '',
  secret: true,
});

/** Addresses or CIDR blocks that may scrape; empty = any address with the token. */
export const metricsAllowListSetting = defineSetting({
  key: 'metrics.allowList',
  schema: z.array(z.string()),
  defaultValue: (): string[] => [],
});

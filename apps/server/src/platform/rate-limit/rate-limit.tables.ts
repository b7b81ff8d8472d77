/** Requests per caller per window (see the migration). */
export interface RateLimitTables {
  apiRateCounters: {
    subject: string;
    windowStart: number;
    count: number;
  };
}

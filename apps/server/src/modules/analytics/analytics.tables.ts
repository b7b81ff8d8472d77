/** The dimensions of a rollup row; '' stands for "none". */
export interface RollupDimensions {
  accountId: string;
  phoneNumberId: string;
  templateName: string;
  campaignId: string;
  /** Pricing category, lower case (marketing, utility, authentication, service...). */
  category: string;
  /** ISO 3166 alpha-2 of the contact's number. */
  country: string;
}

/** The counters of a rollup row. */
export interface RollupCounters {
  sent: number;
  delivered: number;
  read: number;
  failed: number;
  replied: number;
  inbound: number;
  conversationsOpened: number;
  /** Sent messages that Meta did not charge (free-window, free entry point). */
  free: number;
  /** Estimated cost in millionths of the rate card's currency. */
  costMicros: number;
}

/** What a campaign's messages did in one hour, counted at the time it happened. */
export interface CampaignHourCounters {
  sent: number;
  delivered: number;
  read: number;
  replied: number;
}

/** Analytics rollups (issue 17). */
export interface AnalyticsTables {
  analyticsRollups: RollupDimensions &
    RollupCounters & {
      /** hour | day (UTC) */
      grain: string;
      bucketStart: number;
    };
  analyticsFailureRollups: RollupDimensions & {
    grain: string;
    bucketStart: number;
    errorCode: number;
    count: number;
  };
  analyticsMarks: {
    messageId: string;
    /** The `Contribution` last folded in for this message, JSON. */
    contribution: string;
  };
  /** Per campaign and UTC hour of the event: the report's curves (migration 20261204_0300). */
  analyticsCampaignHours: CampaignHourCounters & {
    campaignId: string;
    hourStart: number;
  };
  analyticsCursors: {
    name: string;
    updatedAt: number;
    messageId: string;
  };
}

/**
 * The dispatcher's building blocks: pure, clock-free pieces (the caller passes `now`, from
 * `platform/clock.ts`), each tested alone. How the dispatcher of issue 15 composes them, per
 * sending phone number:
 *
 *   1. Lease. One dispatcher per number across processes: `ctx.leases.withLease(
 *      leaseName('dispatcher', phoneNumberId), ttl, …)`; every write under it calls
 *      `lease.fence(tx)`, and a lost lease stops the loop.
 *   2. Claim a batch. Due recipients of the number's running campaigns (the recipients table
 *      is the queue), skipping those outside their send window (`sendWindowState` → defer to
 *      `opensAt`) and those over the portfolio's messaging limit (defer, never fail).
 *   3. Bucket. `NumberPacer.take(now, demands)` says how many of each campaign's claimed
 *      recipients may leave now (token bucket at the number's rate, shared by `FairShare`);
 *      the rest wait until `nextAt`. The pacer's rate is `AimdRate.rate(now)`, whose ceiling
 *      is the number's throughput (80 / 1,000 / 20 mps or a configured cap).
 *   4. Send. Each recipient is durably marked `sending` with an attempt id (carried in
 *      `biz_opaque_callback_data`) before its request leaves through the shared Sender.
 *   5. Policy. A failure goes through `decideOnFailure` (sync: `failureOfGraphError`; a
 *      `failed` status webhook: `failureOfStatusCode`): `slow_down` → `AimdRate.onThrottle`
 *      and requeue; `retry_pair` / `retry_backoff` / `retry_after_24h` → due again at
 *      `retryAt`; `pause_number` / `pause_campaign` → stop and show the reason; `fail`,
 *      `not_on_whatsapp` → final; `defer_limit` → deferred; `mark_unknown` → `unknown` until
 *      a status webhook resolves it. A quality drop goes through `decideOnQuality`.
 */
export { TokenBucket, type TokenBucketOptions } from './dispatch.bucket';
export { FairShare, type CampaignDemand } from './dispatch.fair-share';
export { NumberPacer, type PacerGrant } from './dispatch.pacer';
export { AimdRate, aimdDefaults, type AimdOptions } from './dispatch.aimd';
export { pairRetry, type PairRetry, type PairRetryOptions } from './dispatch.pair';
export {
  decideOnFailure,
  decideOnQuality,
  defaultPolicyOptions,
  failureOfGraphError,
  failureOfStatusCode,
  fullJitterMs,
  type CampaignPauseReason,
  type DispatchAction,
  type FailureContext,
  type NumberPauseReason,
  type PolicyOptions,
  type QualityRating,
  type SendFailure,
} from './dispatch.policy';
export {
  mainZoneByCountry,
  recipientTimeZone,
  sendWindowState,
  windowStateIn,
  type SendWindow,
  type WindowState,
  type ZoneOptions,
} from './dispatch.window';
// The send path built from these blocks (issue 15): the Sender shared with the inbox and the
// campaign test send, the per-number dispatcher and its supervisor, the intake handler.
export {
  attemptIdOf,
  callbackDataOf,
  createSender,
  type BlockReason,
  type OutboundTarget,
  type PostOutcome,
  type RecordInput,
  type Sender,
  type SendTag,
} from '../sender/sender';
export {
  createCampaignDispatchModule,
  throughputCapsSetting,
  type CampaignDispatchModule,
} from './dispatch.module';
export {
  NumberDispatcher,
  defaultDispatcherOptions,
  limitOfTier,
  throughputOf,
} from './dispatch.number';
export { DispatchSupervisor } from './dispatch.supervisor';
export { campaignsIntakeHandler } from './dispatch.intake';

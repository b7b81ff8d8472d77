import type { Executor } from '../../db/executor';
import type { IntegrationsTables } from './integrations.tables';

export type EndpointRow = IntegrationsTables['webhookEndpoints'];
export type EventRow = IntegrationsTables['outgoingEvents'];
export type DeliveryRow = IntegrationsTables['outgoingDeliveries'];
export type AttemptRow = IntegrationsTables['outgoingAttempts'];

const endpointColumns = [
  'id',
  'url',
  'description',
  'events',
  'secret',
  'secretHint',
  'state',
  'failingSince',
  'lastDeliveryAt',
  'lastDeliveryStatus',
  'createdAt',
  'updatedAt',
] as const;

/** Inserts an endpoint. */
export async function insertEndpoint(ex: Executor, row: EndpointRow): Promise<void> {
  await ex.insertInto('webhookEndpoints').values(row).execute();
}

/** Every endpoint, oldest first. */
export async function listEndpoints(ex: Executor): Promise<EndpointRow[]> {
  return ex.selectFrom('webhookEndpoints').select(endpointColumns).orderBy('createdAt').execute();
}

/** Enabled endpoints (the ones an event fans out to). */
export async function listEnabledEndpoints(ex: Executor): Promise<EndpointRow[]> {
  return ex
    .selectFrom('webhookEndpoints')
    .select(endpointColumns)
    .where('state', '=', 'enabled')
    .execute();
}

/** One endpoint, or undefined. */
export async function findEndpoint(ex: Executor, id: string): Promise<EndpointRow | undefined> {
  return ex
    .selectFrom('webhookEndpoints')
    .select(endpointColumns)
    .where('id', '=', id)
    .executeTakeFirst();
}

/** Updates some columns of an endpoint. */
export async function updateEndpoint(
  ex: Executor,
  id: string,
  patch: Partial<Omit<EndpointRow, 'id' | 'createdAt'>>,
): Promise<void> {
  await ex.updateTable('webhookEndpoints').set(patch).where('id', '=', id).execute();
}

/** Appends an event to the outbox. */
export async function insertEvent(ex: Executor, row: EventRow): Promise<void> {
  await ex.insertInto('outgoingEvents').values(row).execute();
}

/** One outbox event. */
export async function findEvent(ex: Executor, id: string): Promise<EventRow | undefined> {
  return ex
    .selectFrom('outgoingEvents')
    .select(['id', 'type', 'data', 'createdAt'])
    .where('id', '=', id)
    .executeTakeFirst();
}

/** Inserts a delivery (one endpoint, one event). */
export async function insertDelivery(ex: Executor, row: DeliveryRow): Promise<void> {
  await ex.insertInto('outgoingDeliveries').values(row).execute();
}

const deliveryColumns = [
  'id',
  'endpointId',
  'eventId',
  'status',
  'attempts',
  'createdAt',
  'lastAttemptAt',
] as const;

/** One delivery. */
export async function findDelivery(ex: Executor, id: string): Promise<DeliveryRow | undefined> {
  return ex
    .selectFrom('outgoingDeliveries')
    .select(deliveryColumns)
    .where('id', '=', id)
    .executeTakeFirst();
}

/** Recent deliveries of an endpoint with their event types, newest first. */
export async function listDeliveries(
  ex: Executor,
  endpointId: string,
  limit: number,
): Promise<(DeliveryRow & { eventType: string })[]> {
  return ex
    .selectFrom('outgoingDeliveries as d')
    .innerJoin('outgoingEvents as e', 'e.id', 'd.eventId')
    .select([
      'd.id',
      'd.endpointId',
      'd.eventId',
      'd.status',
      'd.attempts',
      'd.createdAt',
      'd.lastAttemptAt',
      'e.type as eventType',
    ])
    .where('d.endpointId', '=', endpointId)
    .orderBy('d.createdAt', 'desc')
    .orderBy('d.id', 'desc')
    .limit(limit)
    .execute();
}

/** Updates a delivery's status and attempt count. */
export async function updateDelivery(
  ex: Executor,
  id: string,
  patch: Partial<Pick<DeliveryRow, 'status' | 'attempts' | 'lastAttemptAt'>>,
): Promise<void> {
  await ex.updateTable('outgoingDeliveries').set(patch).where('id', '=', id).execute();
}

/** Records one attempt. */
export async function insertAttempt(ex: Executor, row: AttemptRow): Promise<void> {
  await ex.insertInto('outgoingAttempts').values(row).execute();
}

/** The attempts of some deliveries, oldest first. */
export async function listAttempts(ex: Executor, deliveryIds: string[]): Promise<AttemptRow[]> {
  if (deliveryIds.length === 0) return [];
  return ex
    .selectFrom('outgoingAttempts')
    .select(['id', 'deliveryId', 'at', 'httpStatus', 'error', 'responseExcerpt', 'latencyMs'])
    .where('deliveryId', 'in', deliveryIds)
    .orderBy('at')
    .orderBy('id')
    .execute();
}

import { notFound } from '../../identity/access';
import type { Identity } from '../../identity/identity';
import type { Principal } from '../../identity/principal';
import type { InstrumentRecord, TelemetryStore } from '../../telemetry/telemetryStore';
import { requireOnInstrument } from '../instrumentAccess';

/** An instrument of the caller's tenant that the caller may read; the same 404 as a random id otherwise. */
export async function findInstrument(
  identity: Identity,
  telemetry: TelemetryStore,
  principal: Principal,
  id: string,
): Promise<InstrumentRecord> {
  const found = (await telemetry.listInstruments(principal.tenantId)).find((i) => i.id === id);
  if (!found) throw notFound('Instrument');
  await requireOnInstrument(
    identity,
    principal,
    found.workspaceId,
    'instrument.read',
    'Instrument',
  );
  return found;
}

/** A stored record as the API shows it: without its tenant id. */
export function wire<T extends { tenantId: string }>(record: T): Omit<T, 'tenantId'> {
  const { tenantId: _tenant, ...rest } = record;
  return rest;
}

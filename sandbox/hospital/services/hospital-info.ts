/** GetHospitalInfo: the hospital's profile. */
import type { GetHospitalInfoResponse } from '../../../typings/hsb';
import type { ServiceHandler } from './context';
import { ok, readParams } from './context';

type Row = GetHospitalInfoResponse['Hospital'];

export const getHospitalInfo: ServiceHandler<GetHospitalInfoResponse> = (body, { db }) => {
  const params = readParams<Record<string, never>>({}, body);
  if (!params.ok) return params.refusal;
  const row = db
    .prepare(
      `SELECT name AS HospitalName, level AS Level, address AS Address, phone AS Phone,
              intro AS Intro, hours AS Hours, traffic AS Traffic FROM hospital WHERE id = 1`,
    )
    .get() as Row | undefined;
  // The row is written at seeding; its absence is a broken database, a system error.
  if (!row) throw new Error('hospital profile missing');
  return ok({ Hospital: row });
};

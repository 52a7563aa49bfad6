/** GetHospitalInfo: the hospital's profile. */
import type { GetHospitalInfoResponse } from '../../../typings/hsb';
import type { ServiceHandler } from './context';
import { ok, readParams } from './context';
import { readBookingRules } from '../booking';
import { hospitalLocation, readNotice } from '../notice';

type Row = Omit<GetHospitalInfoResponse['Hospital'], 'BookingRules' | 'Notice' | 'Latitude' | 'Longitude'>;

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
  const rules = readBookingRules(db);
  const location = hospitalLocation();
  const notice = readNotice(db);
  return ok({
    Hospital: {
      ...row,
      BookingRules: { PayAtBooking: rules.payAtBooking ? '1' : '0', MaxActiveAppointments: String(rules.maxActiveAppointments), HoldMinutes: String(rules.holdMinutes) },
      ...(notice === '' ? {} : { Notice: notice }),
      ...(location === undefined ? {} : { Latitude: String(location.latitude), Longitude: String(location.longitude) }),
    },
  });
};

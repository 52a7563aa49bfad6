/**
 * One part of the local stack in its own process, so a benchmark's load generator does not starve the
 * servers it measures. Forked by `bench/processes.ts` with IPC:
 *   `hospital`                 → the sandbox hospital (real clock), answering set-up and counting requests
 *   `frontmachine <hsbUrl> <key>` → the front machine pointed at it
 * Each sends `{ready: true, url}` once listening and closes on `{cmd: 'close'}`.
 */
import { loadConfig, startFrontMachine } from '../frontmachine/src';
import { startHospital } from '../sandbox/hospital';
import { nthIdCard, registerWithCode } from '../sandbox/hospital/testing';
import { formatHospital } from '../miniprogram/core/time';
import { answerCpuUsage, onMessage } from './processes';

/** Requests the hospital child answers (set-up and verification that need its database). */
export type HospitalCommand =
  | { cmd: 'patients'; from: number; count: number }
  | { cmd: 'slots'; count: number }
  | { cmd: 'count'; slotIds: string[] }
  | { cmd: 'close' };

export interface BookingCount {
  /** Slots of the list in state booked at the hospital. */
  bookedSlots: number;
  /** Live appointments (booked, checked-in, fulfilled) on those slots. */
  appointments: number;
  /** Slots with more than one live appointment (must be 0). */
  doubleBooked: number;
}

function reply(id: number, result: unknown): void {
  process.send?.({ id, result });
}

async function runHospital(): Promise<void> {
  const running = await startHospital({ port: 0 });
  const { hospital } = running;
  onMessage(async (message: HospitalCommand & { id: number }) => {
    if (message.cmd === 'close') {
      await running.close();
      process.exit(0);
    }
    if (message.cmd === 'patients') {
      // Registered through the HSB service in-process: real patients, without the HTTP cost.
      const ids: string[] = [];
      for (let i = message.from; i < message.from + message.count; i++) {
        const env = (await registerWithCode(hospital, { PatientName: `压测${i}`, IdCardNo: nthIdCard(i), Phone: '13812345678' }, `bench-${i}`)) as { Body: { Patient?: { PatientId: string } } };
        if (env.Body.Patient === undefined) throw new Error(`could not register bench patient ${i}`);
        ids.push(env.Body.Patient.PatientId);
      }
      reply(message.id, ids);
    }
    if (message.cmd === 'slots') {
      // Free slots of open sessions tomorrow (the booking window's first day), session by session.
      const tomorrow = formatHospital(hospital.clock.now() + 86_400_000, 'YYYY-MM-DD');
      hospital.publishedDates();
      const rows = hospital.db
        .prepare(
          `SELECT sl.id AS slotId, sl.schedule_code AS scheduleId FROM slots sl JOIN schedules s ON s.code = sl.schedule_code
            WHERE s.clinic_date = ? AND s.status = 0 AND sl.state = 'free' ORDER BY s.code, sl.seq LIMIT ?`,
        )
        .all(tomorrow, message.count);
      reply(message.id, rows);
    }
    if (message.cmd === 'count') {
      const marks = message.slotIds.map(() => '?').join(', ');
      const db = hospital.db;
      const result: BookingCount = {
        bookedSlots: db.prepare(`SELECT COUNT(*) FROM slots WHERE state = 'booked' AND id IN (${marks})`).pluck().get(...message.slotIds) as number,
        appointments: db.prepare(`SELECT COUNT(*) FROM appointments WHERE status IN (1, 2, 3) AND slot_id IN (${marks})`).pluck().get(...message.slotIds) as number,
        doubleBooked: db
          .prepare(`SELECT COUNT(*) FROM (SELECT slot_id FROM appointments WHERE status IN (1, 2, 3) AND slot_id IN (${marks}) GROUP BY slot_id HAVING COUNT(*) > 1)`)
          .pluck()
          .get(...message.slotIds) as number,
      };
      reply(message.id, result);
    }
  });
  process.send?.({ ready: true, url: running.url });
}

async function runFrontMachine(hsbUrl: string, hmacKey: string): Promise<void> {
  const config = loadConfig({ ...process.env, PALM_DEV: '1', FM_PORT: '0', FM_HMAC_KEY: hmacKey, HSB_URL: hsbUrl, LOG_LEVEL: 'silent' });
  const fm = await startFrontMachine(config);
  onMessage(async (message: { cmd: string }) => {
    if (message.cmd === 'close') {
      await fm.close();
      process.exit(0);
    }
  });
  process.send?.({ ready: true, url: fm.url });
}

// An orphan would keep its port and database: leave with the bench that forked us.
process.on('disconnect', () => process.exit(0));
answerCpuUsage();

const [role, ...args] = process.argv.slice(2);
const started = role === 'hospital' ? runHospital() : runFrontMachine(args[0] ?? '', args[1] ?? '');
started.catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});


/**
 * Schedule generation: each hospital date gets its clinic sessions and timed slots once, the first
 * time it enters the 7-day window, drawn from (seed, date, doctor, half-day) alone — so the same
 * date looks the same whenever and in whatever order it is generated, and is never regenerated.
 */
import type { HospitalDate } from '../../typings/hospital';
import type { HospitalDb } from './db';
import type { DoctorsData } from './data';
import { doctorsData } from './data';
import { keyedRandom, shuffled } from './random';

/** Days the hospital publishes, today included. */
export const PUBLISHED_DAYS = 7;

/** 0 = Sunday; calendar arithmetic only, so the process's TZ cannot shift it. */
export function weekdayOf(date: HospitalDate): number {
  return new Date(`${date}T00:00:00Z`).getUTCDay();
}

function toMinutes(hhmm: string): number {
  const [h, m] = hhmm.split(':').map(Number);
  return (h ?? 0) * 60 + (m ?? 0);
}

function toHhmm(minutes: number): string {
  return `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;
}

/** `20261126-D010101-1`: date, doctor, half-day. */
export function scheduleCodeOf(date: HospitalDate, doctorCode: string, timeFlag: number): string {
  return `${date.replace(/-/g, '')}-${doctorCode}-${timeFlag}`;
}

interface SessionRow {
  doctorCode: string;
  deptCode: string;
  feeFen: number;
  slotMinutes: number;
  timeFlag: 1 | 2;
}

/** Generates the schedules of every date in `dates` that has none yet; returns the dates generated. */
export function ensureScheduleDates(db: HospitalDb, seed: number, dates: readonly HospitalDate[], data: DoctorsData = doctorsData): HospitalDate[] {
  const known = db.prepare('SELECT 1 FROM schedule_dates WHERE clinic_date = ?').pluck();
  const markDate = db.prepare('INSERT INTO schedule_dates (clinic_date) VALUES (?)');
  const sessionsOn = db.prepare(
    `SELECT d.code AS doctorCode, d.dept_code AS deptCode, d.fee_fen AS feeFen, d.slot_minutes AS slotMinutes, s.time_flag AS timeFlag
       FROM doctor_sessions s JOIN doctors d ON d.code = s.doctor_code
      WHERE s.weekday = ?
      ORDER BY d.sort, s.time_flag`,
  );
  const insertSchedule = db.prepare(
    `INSERT INTO schedules (code, doctor_code, dept_code, clinic_date, time_flag, begin_time, end_time, fee_fen, status)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const insertSlot = db.prepare('INSERT INTO slots (id, schedule_code, seq, begin_time, end_time, state) VALUES (?, ?, ?, ?, ?, ?)');

  const generateDate = db.transaction((date: HospitalDate): boolean => {
    // Checked inside the write transaction so two instances on one file cannot both generate it.
    if (known.get(date) !== undefined) return false;
    markDate.run(date);
    for (const s of sessionsOn.all(weekdayOf(date)) as SessionRow[]) {
      const random = keyedRandom(seed, date, s.doctorCode, s.timeFlag);
      const hours = data.sessions[String(s.timeFlag) as '1' | '2'];
      const stopped = random() < data.schedule.stoppedRate;
      const full = random() < data.schedule.fullRate;
      const bookedShare = full ? 1 : random() * data.schedule.maxBookedShare;
      const code = scheduleCodeOf(date, s.doctorCode, s.timeFlag);
      insertSchedule.run(code, s.doctorCode, s.deptCode, date, s.timeFlag, hours.begin, hours.end, s.feeFen, stopped ? 1 : 0);

      const starts: number[] = [];
      for (let t = toMinutes(hours.begin); t + s.slotMinutes <= toMinutes(hours.end); t += s.slotMinutes) starts.push(t);
      const booked = new Set(shuffled(random, starts.map((_, i) => i)).slice(0, Math.round(starts.length * bookedShare)));
      starts.forEach((start, i) => {
        const seq = i + 1;
        insertSlot.run(`${code}-${String(seq).padStart(2, '0')}`, code, seq, toHhmm(start), toHhmm(start + s.slotMinutes), booked.has(i) ? 'booked' : 'free');
      });
    }
    return true;
  });

  return dates.filter((date) => generateDate.immediate(date));
}

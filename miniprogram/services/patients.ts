/**
 * The account's patients: typed calls to the patient actions, and the current-patient store. The
 * current patient is chosen once per device (remembered by patientId), defaults to the account's
 * default patient, falls back when it is removed, and pages subscribe to changes.
 */
import type { ApiResult } from '../../typings/api';
import type { BoundPatient, PatientAddRequest, PatientListResponse, PatientSendCodeRequest } from '../../typings/patient';
import type { Result } from '../../typings/result';
import { MAX_PATIENTS_PER_ACCOUNT, pickCurrentPatient } from '../core/patient';
import { callCloud } from './cloud';

/** Storage key of the patientId chosen on this device. */
export const CURRENT_PATIENT_KEY = 'palm-hospital.current-patient';

/** What subscribers see. */
export interface PatientsSnapshot {
  /** True once `patient.list` has answered on this run. */
  loaded: boolean;
  /** Default first, then in binding order (masked, as the cloud sends them). */
  patients: BoundPatient[];
  /** The account's cap (5). */
  limit: number;
  current: BoundPatient | null;
}

export type PatientsListener = (snapshot: PatientsSnapshot) => void;

const DEFAULT_LIMIT = MAX_PATIENTS_PER_ACCOUNT;

let snapshot: PatientsSnapshot = { loaded: false, patients: [], limit: DEFAULT_LIMIT, current: null };
const listeners = new Set<PatientsListener>();
let loading: Promise<Result<PatientsSnapshot>> | null = null;

function rememberedId(): string | null {
  const stored: unknown = wx.getStorageSync(CURRENT_PATIENT_KEY);
  return typeof stored === 'string' && stored !== '' ? stored : null;
}

function publish(next: PatientsSnapshot): void {
  snapshot = next;
  for (const listener of [...listeners]) listener(snapshot);
}

/** Takes a fresh list; a remembered patient who is gone is forgotten, so the default takes over. */
function applyList(list: PatientListResponse): PatientsSnapshot {
  const remembered = rememberedId();
  if (remembered !== null && !list.patients.some((p) => p.patientId === remembered)) wx.removeStorageSync(CURRENT_PATIENT_KEY);
  publish({ loaded: true, patients: list.patients, limit: list.limit, current: pickCurrentPatient(list.patients, rememberedId()) });
  return snapshot;
}

/** The store as it is now. */
export function patientsSnapshot(): PatientsSnapshot {
  return snapshot;
}

/** The current patient, or null (none bound, or not loaded yet). */
export function currentPatient(): BoundPatient | null {
  return snapshot.current;
}

/** Calls `listener` on every change; returns the unsubscribe. */
export function onPatientsChange(listener: PatientsListener): () => void {
  listeners.add(listener);
  return () => {
    listeners.delete(listener);
  };
}

/** Asks the cloud for the list now; concurrent callers share one call. */
export function refreshPatients(): Promise<Result<PatientsSnapshot>> {
  if (loading) return loading;
  loading = callCloud('patient.list', {}).then((answer): Result<PatientsSnapshot> => {
    loading = null;
    return answer.ok ? { ok: true, data: applyList(answer.data) } : answer;
  });
  return loading;
}

/** The list as loaded on this run, loading it the first time. */
export function ensurePatients(): Promise<Result<PatientsSnapshot>> {
  return snapshot.loaded ? Promise.resolve({ ok: true, data: snapshot }) : refreshPatients();
}

/** Makes a bound patient current on this device; false when the id is not one of the account's. */
export function choosePatient(patientId: string): boolean {
  const chosen = snapshot.patients.find((p) => p.patientId === patientId);
  if (!chosen) return false;
  wx.setStorageSync(CURRENT_PATIENT_KEY, patientId);
  if (snapshot.current?.patientId !== patientId) publish({ ...snapshot, current: chosen });
  return true;
}

/** Asks the hospital to text the code that proves the patient's phone (`patient.sendCode`). */
export function sendPatientCode(request: PatientSendCodeRequest): Promise<ApiResult<'patient.sendCode'>> {
  return callCloud('patient.sendCode', request);
}

/** The hospital's privacy guide in force and whether this account consented (`privacy.get`). */
export function privacyStatus(): Promise<ApiResult<'privacy.get'>> {
  return callCloud('privacy.get', {});
}

/** Records the account's consent to the guide's version (`privacy.consent`). */
export function consentToPrivacy(version: string): Promise<ApiResult<'privacy.consent'>> {
  return callCloud('privacy.consent', { version });
}

/** Binds a new patient; the first one becomes current. */
export async function addPatient(request: PatientAddRequest): Promise<ApiResult<'patient.add'>> {
  const answer = await callCloud('patient.add', request);
  if (!answer.ok) return answer;
  if (snapshot.loaded) {
    const others = snapshot.patients.filter((p) => p.patientId !== answer.data.patientId);
    applyList({ patients: [...others, answer.data.patient], limit: snapshot.limit });
  } else {
    // Never loaded on this run (a deep link): the cloud's list is the truth; the answer stands anyway.
    await refreshPatients();
  }
  const isFirst = snapshot.patients.length === 1 && snapshot.patients[0]?.patientId === answer.data.patientId;
  if (isFirst) choosePatient(answer.data.patientId);
  return answer;
}

/** Unbinds a patient; when they were current, the default takes over. */
export async function removePatient(patientId: string): Promise<ApiResult<'patient.remove'>> {
  const answer = await callCloud('patient.remove', { patientId });
  if (answer.ok) applyList(answer.data);
  return answer;
}

/** Makes a patient the account's default, and current on this device (what the patient expects to see next). */
export async function setDefaultPatient(patientId: string): Promise<ApiResult<'patient.setDefault'>> {
  const answer = await callCloud('patient.setDefault', { patientId });
  if (answer.ok) {
    applyList(answer.data);
    choosePatient(patientId);
  }
  return answer;
}

/** Binds a real-name verified hospital card; the store shows it at once. */
export async function bindCard(patientId: string, cardNo: string): Promise<ApiResult<'card.bind'>> {
  const answer = await callCloud('card.bind', { patientId, cardNo });
  if (answer.ok && snapshot.loaded) {
    const updated = answer.data;
    applyList({ patients: snapshot.patients.map((p) => (p.patientId === updated.patientId ? updated : p)), limit: snapshot.limit });
  }
  return answer;
}

/** A fresh signed check-in code for one of the account's patients. */
export function loadPatientQrcode(patientId: string): Promise<ApiResult<'patient.qrcode'>> {
  return callCloud('patient.qrcode', { patientId });
}

/**
 * The current-patient stage of the payment pages that list one patient's money (门诊缴费, 费用查询):
 * which patient a load is for, and a reload when the patient is switched elsewhere.
 */
import type { BoundPatient } from '../../typings/patient';
import type { Result } from '../../typings/result';
import { ensurePatients, onPatientsChange } from '../services/patients';
import { showLoadError, type LoadingPage } from './load';

/** What the stage keeps on the page. */
export interface PatientListPage extends LoadingPage {
  /** Whose list is shown or on its way ('' for none). */
  patientId: string;
  /** Bumped per load, so a late answer for another patient is dropped. */
  request: number;
  /** Set once the store is loaded: from then on a change of patient reloads. */
  watching: boolean;
}

/** Reloads the page (with its loading state) when another patient becomes current; answers the unsubscribe. */
export function reloadOnPatientChange(page: PatientListPage & { load(): unknown }): () => void {
  return onPatientsChange((snapshot) => {
    if (page.watching && (snapshot.current?.patientId ?? '') !== page.patientId) void page.load();
  });
}

/**
 * The current patient for the load numbered `request`, noted as `page.patientId`: null when the
 * account has none; undefined when a newer load began or the patients failed to load (the error is shown).
 */
export async function currentPatientFor(page: PatientListPage, request: number): Promise<BoundPatient | null | undefined> {
  const patients = await ensurePatients();
  if (request !== page.request) return undefined;
  page.watching = true;
  if (!patients.ok) {
    showLoadError(page, patients);
    return undefined;
  }
  const current = patients.data.current;
  page.patientId = current?.patientId ?? '';
  return current;
}

/** What `currentPatientBehavior` keeps on the page (the page defines `load()`). */
export interface CurrentPatientPage extends PatientListPage {
  unsubscribe?: () => void;
  load(): unknown;
}

/**
 * The plumbing of a page that lists one patient's data: it follows the current patient (a switch
 * elsewhere reloads it with its loading state) and drops answers after leaving. The page loads
 * through `currentPatientFor(this, request)`.
 */
export const currentPatientBehavior = Behavior({
  lifetimes: {
    attached() {
      const page = this as unknown as CurrentPatientPage;
      page.patientId = '';
      page.request = 0;
      page.watching = false;
      page.unsubscribe = reloadOnPatientChange(page);
    },
    detached() {
      const page = this as unknown as CurrentPatientPage;
      page.unsubscribe?.();
      page.request += 1;
    },
  },
});

/**
 * One load of a page that lists the current patient's things: its loading state, the empty state
 * without a patient (with the page's `noPatient` data), then `fetch` for that patient; a failed pull
 * keeps what is on screen. Answers the data, or undefined when the page has nothing (more) to draw.
 */
export async function loadForCurrentPatient<T>(
  page: CurrentPatientPage & { data: { state: string } },
  showLoading: boolean,
  noPatient: Record<string, unknown>,
  fetch: (patientId: string) => Promise<Result<T>>,
): Promise<T | undefined> {
  page.request += 1;
  const request = page.request;
  if (showLoading) page.setData({ state: 'loading' });
  const current = await currentPatientFor(page, request);
  if (current === undefined) return undefined;
  if (current === null) {
    page.setData({ state: 'empty', emptyText: '还没有就诊人，请先添加就诊人', ...noPatient });
    return undefined;
  }
  const answer = await fetch(current.patientId);
  if (request !== page.request) return undefined;
  if (!answer.ok) {
    if (showLoading || page.data.state !== 'ready') showLoadError(page, answer);
    return undefined;
  }
  return answer.data;
}

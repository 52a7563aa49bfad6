/**
 * 按就诊人筛选 for the account-wide lists (我的预约, 我的挂号): tabs 全部 + each bound patient (shown when
 * there are two or more); choosing one reloads the list for that patient only. The page's load reads
 * `filteredPatientId(this)` and calls `showPatientFilters(this)` alongside its own fetch.
 */
import { ensurePatients } from '../services/patients';

/** The tab that lists every patient. */
export const ALL_PATIENTS = 'all';

/** One tab: the patient's id (or ALL_PATIENTS) and the masked name. */
export interface PatientFilter {
  name: string;
  title: string;
}

interface FilteringPage {
  data: { filterPatientId: string };
  setData(data: Record<string, unknown>): void;
  load(showLoading?: boolean): unknown;
}

export const patientFilterBehavior = Behavior({
  data: { filters: [] as PatientFilter[], filterPatientId: ALL_PATIENTS },
  methods: {
    onFilter(event: { detail: { name: string } }) {
      const page = this as unknown as FilteringPage;
      if (event.detail.name === page.data.filterPatientId) return;
      page.setData({ filterPatientId: event.detail.name });
      void page.load(true);
    },
  },
});

/** The patient the list is filtered to, or undefined for every patient of the account. */
export function filteredPatientId(page: { data: { filterPatientId: string } }): string | undefined {
  return page.data.filterPatientId === ALL_PATIENTS ? undefined : page.data.filterPatientId;
}

/** Sets the tabs from the account's patients (read alongside the list, not before it); a failure leaves them as they were. */
export async function showPatientFilters(page: { setData(data: Record<string, unknown>): void }): Promise<void> {
  const answer = await ensurePatients();
  if (!answer.ok) return;
  const patients = answer.data.patients;
  page.setData({ filters: patients.length < 2 ? [] : [{ name: ALL_PATIENTS, title: '全部' }, ...patients.map((p) => ({ name: p.patientId, title: p.name }))] });
}

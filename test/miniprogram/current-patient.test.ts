/** packages/payment/current-patient: whose money a payment page lists, and its reload on a switch. */
import type * as CurrentPatient from '../../miniprogram/behaviors/current-patient';
import type * as PatientsService from '../../miniprogram/services/patients';
import { fakeAccount, resetWx, serveApi, XIAOBAO, ZHANG } from './helpers';

/** A fresh store and the stage on top of it (module state is the store). */
function fresh(): { stage: typeof CurrentPatient; store: typeof PatientsService } {
  jest.resetModules();
  /* eslint-disable @typescript-eslint/no-require-imports */
  const store = require('../../miniprogram/services/patients') as typeof PatientsService;
  const stage = require('../../miniprogram/behaviors/current-patient') as typeof CurrentPatient;
  /* eslint-enable @typescript-eslint/no-require-imports */
  return { stage, store };
}

function page() {
  const calls: Record<string, unknown>[] = [];
  return { patientId: '', request: 1, watching: false, calls, setData: (data: Record<string, unknown>) => void calls.push(data), load: jest.fn() };
}

beforeEach(resetWx);

describe('current patient stage', () => {
  it('answers the current patient, notes whose list it is and starts watching', async () => {
    serveApi(fakeAccount().handlers);
    const { stage } = fresh();
    const p = page();
    expect((await stage.currentPatientFor(p, 1))?.patientId).toBe(ZHANG.patientId);
    expect(p).toMatchObject({ patientId: ZHANG.patientId, watching: true });
  });

  it('answers null for an account without patients', async () => {
    serveApi(fakeAccount([]).handlers);
    const { stage } = fresh();
    const p = page();
    expect(await stage.currentPatientFor(p, 1)).toBeNull();
    expect(p.patientId).toBe('');
  });

  it('answers undefined for an overtaken load, without touching the page', async () => {
    serveApi(fakeAccount().handlers);
    const { stage } = fresh();
    const p = page();
    const answer = stage.currentPatientFor(p, 1);
    p.request = 2;
    expect(await answer).toBeUndefined();
    expect(p).toMatchObject({ patientId: '', watching: false });
  });

  it('shows the error state when the patients cannot be loaded', async () => {
    serveApi({ 'patient.list': () => ({ ok: false, code: 'HOSPITAL_UNAVAILABLE', message: '医院系统暂时无法访问' }) });
    const { stage } = fresh();
    const p = page();
    expect(await stage.currentPatientFor(p, 1)).toBeUndefined();
    expect(p.calls).toEqual([{ state: 'error', errorMessage: expect.stringContaining('医院系统暂时无法访问') }]);
    expect(p.watching).toBe(true);
  });

  it('reloads once watching when another patient becomes current, and stops on unsubscribe', async () => {
    serveApi(fakeAccount().handlers);
    const { stage, store } = fresh();
    const p = page();
    const unsubscribe = stage.reloadOnPatientChange(p);
    await store.ensurePatients();
    // Not watching yet: the page's own first load is on its way.
    expect(p.load).not.toHaveBeenCalled();
    await stage.currentPatientFor(p, 1);
    store.choosePatient(ZHANG.patientId);
    expect(p.load).not.toHaveBeenCalled();
    store.choosePatient(XIAOBAO.patientId);
    expect(p.load).toHaveBeenCalledTimes(1);
    unsubscribe();
    store.choosePatient(ZHANG.patientId);
    expect(p.load).toHaveBeenCalledTimes(1);
  });
});

/** services/patients: the current-patient store (remembered, default, fallback) and its subscribers. */
import type * as PatientsService from '../../miniprogram/services/patients';
import { CURRENT_PATIENT_KEY } from '../../miniprogram/services/patients';
import { FAKE_SMS_CODE, fakeAccount, LI, resetWx, serveApi, XIAOBAO, ZHANG, type RecordedCall } from './helpers';

/** A fresh store, as after the mini program starts (module state is the store). */
function freshStore(): typeof PatientsService {
  jest.resetModules();
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return require('../../miniprogram/services/patients') as typeof PatientsService;
}

const lists = (calls: RecordedCall[]) => calls.filter((c) => c.action === 'patient.list');

beforeEach(resetWx);

describe('current patient store', () => {
  it('starts at the account’s default patient and does not write a choice the patient never made', async () => {
    serveApi(fakeAccount([XIAOBAO, { ...ZHANG, isDefault: false }, { ...LI, isDefault: true }]).handlers);
    const store = freshStore();
    expect(store.currentPatient()).toBeNull();
    const answer = await store.ensurePatients();
    expect(answer.ok).toBe(true);
    expect(store.currentPatient()?.patientId).toBe(LI.patientId);
    expect(wx.getStorageSync(store.CURRENT_PATIENT_KEY)).toBe('');
  });

  it('remembers the chosen patient across restarts', async () => {
    serveApi(fakeAccount().handlers);
    const first = freshStore();
    await first.ensurePatients();
    expect(first.choosePatient(XIAOBAO.patientId)).toBe(true);
    expect(first.currentPatient()?.patientId).toBe(XIAOBAO.patientId);

    const afterRestart = freshStore();
    await afterRestart.ensurePatients();
    expect(afterRestart.currentPatient()?.patientId).toBe(XIAOBAO.patientId);
  });

  it('refuses to choose a patient who is not on the account', async () => {
    serveApi(fakeAccount().handlers);
    const store = freshStore();
    await store.ensurePatients();
    expect(store.choosePatient('P9999')).toBe(false);
    expect(store.currentPatient()?.patientId).toBe(ZHANG.patientId);
    expect(wx.getStorageSync(store.CURRENT_PATIENT_KEY)).toBe('');
  });

  it('falls back to the default when the current patient is removed', async () => {
    serveApi(fakeAccount([ZHANG, XIAOBAO, LI]).handlers);
    const store = freshStore();
    await store.ensurePatients();
    store.choosePatient(LI.patientId);
    const answer = await store.removePatient(LI.patientId);
    expect(answer.ok).toBe(true);
    expect(store.currentPatient()?.patientId).toBe(ZHANG.patientId);
    expect(wx.getStorageSync(store.CURRENT_PATIENT_KEY)).toBe('');
  });

  it('falls back when the remembered patient was removed elsewhere (another device)', async () => {
    const account = fakeAccount([ZHANG, XIAOBAO]);
    serveApi(account.handlers);
    wx.setStorageSync(CURRENT_PATIENT_KEY, XIAOBAO.patientId);
    account.patients = account.patients.filter((p) => p.patientId !== XIAOBAO.patientId);
    const store = freshStore();
    await store.ensurePatients();
    expect(store.currentPatient()?.patientId).toBe(ZHANG.patientId);
  });

  it('has no current patient once the last one is removed', async () => {
    serveApi(fakeAccount([ZHANG]).handlers);
    const store = freshStore();
    await store.ensurePatients();
    await store.removePatient(ZHANG.patientId);
    expect(store.currentPatient()).toBeNull();
    expect(store.patientsSnapshot().patients).toEqual([]);
  });

  it('makes the first patient added current, and leaves the current one when more are added', async () => {
    const account = fakeAccount([]);
    account.consentedAt = '2026-11-01T01:00:00.000Z';
    serveApi(account.handlers);
    const store = freshStore();
    await store.ensurePatients();
    const code = { challengeId: 'VC1', smsCode: FAKE_SMS_CODE };
    await account.handlers['patient.sendCode']!({ name: '王建军', idCardNo: '11010519491231002X', phone: '13912345678' });
    const first = await store.addPatient({ name: '王建军', idCardNo: '11010519491231002X', phone: '13912345678', relation: '本人', ...code });
    expect(first.ok).toBe(true);
    expect(store.currentPatient()?.name).toBe('王*军');
    await account.handlers['patient.sendCode']!({ name: '王小丽', idCardNo: '110105198506102311', phone: '13912345678' });
    const second = await store.addPatient({ name: '王小丽', idCardNo: '110105198506102311', phone: '13912345678', relation: '配偶', challengeId: 'VC2', smsCode: FAKE_SMS_CODE });
    expect(second.ok).toBe(true);
    expect(store.patientsSnapshot().patients.map((p) => p.name)).toEqual(['王*军', '王*丽']);
    expect(store.currentPatient()?.name).toBe('王*军');
  });

  it('makes the new default current (what the patient expects after 设为默认)', async () => {
    serveApi(fakeAccount().handlers);
    const store = freshStore();
    await store.ensurePatients();
    await store.setDefaultPatient(XIAOBAO.patientId);
    expect(store.currentPatient()?.patientId).toBe(XIAOBAO.patientId);
    expect(store.patientsSnapshot().patients[0]?.patientId).toBe(XIAOBAO.patientId);
  });

  it('shows a newly bound card at once', async () => {
    serveApi(fakeAccount().handlers);
    const store = freshStore();
    await store.ensurePatients();
    await store.bindCard(XIAOBAO.patientId, 'C20260002');
    expect(store.patientsSnapshot().patients.find((p) => p.patientId === XIAOBAO.patientId)?.card).toEqual({ cardNo: 'C20260002', state: 'verified' });
  });

  it('tells subscribers of every change until they unsubscribe', async () => {
    serveApi(fakeAccount().handlers);
    const store = freshStore();
    const seen: (string | null)[] = [];
    const unsubscribe = store.onPatientsChange((snapshot) => seen.push(snapshot.current?.patientId ?? null));
    await store.ensurePatients();
    store.choosePatient(XIAOBAO.patientId);
    store.choosePatient(XIAOBAO.patientId); // no change, no news
    unsubscribe();
    store.choosePatient(ZHANG.patientId);
    expect(seen).toEqual([ZHANG.patientId, XIAOBAO.patientId]);
  });

  it('loads once for concurrent callers, and keeps the last good list on a failure', async () => {
    const account = fakeAccount();
    const calls = serveApi(account.handlers);
    const store = freshStore();
    const [a, b] = await Promise.all([store.ensurePatients(), store.ensurePatients()]);
    expect(a.ok && b.ok).toBe(true);
    expect(lists(calls)).toHaveLength(1);
    await store.ensurePatients();
    expect(lists(calls)).toHaveLength(1);

    serveApi({ 'patient.list': () => ({ ok: false, code: 'HOSPITAL_UNAVAILABLE', message: '医院系统暂时无法连接，请稍后再试' }) });
    const failed = await store.refreshPatients();
    expect(failed.ok).toBe(false);
    expect(store.currentPatient()?.patientId).toBe(ZHANG.patientId);
  });
});

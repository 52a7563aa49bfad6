import { createHospital } from './hospital';
import type { Hospital } from './hospital';
import { callHsb, freeSlots, patient } from './testing';
import { buildRequest, parseEnvelope } from './xml';

const request = (service: string) => buildRequest(service, 'f-1', '2026-11-26 09:30:00');

describe('faults', () => {
  let hospital: Hospital;
  beforeEach(() => {
    hospital = createHospital({ now: '2026-11-26 09:30:00' });
  });
  afterEach(() => {
    jest.useRealTimers();
    hospital.close();
  });

  it('error: answers 9999 系统繁忙 for the faulted service only', async () => {
    hospital.faults.set({ service: 'QueryDoctors', mode: 'error' });
    const faulted = await callHsb(hospital, 'QueryDoctors', { DeptCode: '0101' }, 'e-1');
    expect(faulted.Header).toMatchObject({ MessageId: 'e-1', SourceSystem: 'HSB', ResultCode: '9999', ResultMessage: '系统繁忙' });
    expect((await callHsb(hospital, 'QueryDepartments')).Header.ResultCode).toBe('0');
  });

  it('"*" strikes every service; a service’s own rule takes precedence; off removes a rule', async () => {
    hospital.faults.set({ service: '*', mode: 'error' });
    expect((await callHsb(hospital, 'GetHospitalInfo')).Header.ResultCode).toBe('9999');
    hospital.faults.set({ service: 'GetHospitalInfo', mode: 'error', rate: 0 });
    expect((await callHsb(hospital, 'GetHospitalInfo')).Header.ResultCode).toBe('0');
    expect((await callHsb(hospital, 'QueryDepartments')).Header.ResultCode).toBe('9999');
    hospital.faults.set({ service: '*', mode: 'off' });
    expect((await callHsb(hospital, 'QueryDepartments')).Header.ResultCode).toBe('0');
    hospital.faults.clear();
    expect(hospital.faults.list()).toEqual([]);
  });

  it('rate 0 means never; rate 0.5 strikes some calls, not all', async () => {
    hospital.faults.set({ service: '*', mode: 'error', rate: 0 });
    for (let i = 0; i < 20; i++) expect((await callHsb(hospital, 'GetHospitalInfo')).Header.ResultCode).toBe('0');
    hospital.faults.set({ service: '*', mode: 'error', rate: 0.5 });
    const codes = new Set<string | undefined>();
    for (let i = 0; i < 40; i++) codes.add((await callHsb(hospital, 'GetHospitalInfo')).Header.ResultCode);
    expect(codes).toEqual(new Set(['0', '9999']));
  });

  it('late-commit: applies the write, then never answers (dropped at close)', async () => {
    const alice = await patient(hospital, 1);
    const { slots } = freeSlots(hospital, '2026-11-27');
    const slotId = slots[0]!.id;
    hospital.faults.set({ service: 'BookAppointment', mode: 'late-commit' });
    const pending = hospital.answer(buildRequest('BookAppointment', 'l-1', '2026-11-26 09:30:00', { PatientId: alice, SlotCode: slotId, Channel: 'WECHAT' }));
    // The appointment exists at once, while the caller is still waiting for an answer.
    await new Promise((resolve) => setImmediate(resolve));
    expect(hospital.db.prepare('SELECT state FROM slots WHERE id = ?').pluck().get(slotId)).toBe('booked');
    expect(hospital.db.prepare('SELECT COUNT(*) FROM appointments WHERE patient_id = ? AND slot_id = ?').pluck().get(alice, slotId)).toBe(1);
    hospital.close();
    expect((await pending).dropped).toBe(true);
  });

  it('slow: answers normally, only after delayMs', async () => {
    jest.useFakeTimers({ doNotFake: ['nextTick', 'setImmediate'] });
    hospital.faults.set({ service: 'QueryDepartments', mode: 'slow', delayMs: 200 });
    let answered: string | undefined;
    const pending = hospital.handle(request('QueryDepartments')).then((xml) => (answered = xml));
    await jest.advanceTimersByTimeAsync(199);
    expect(answered).toBeUndefined();
    await jest.advanceTimersByTimeAsync(1);
    await pending;
    expect(parseEnvelope(answered ?? '').Header.ResultCode).toBe('0');
  });

  it('slow defaults to 3000 ms', () => {
    hospital.faults.set({ service: 'QueryDoctors', mode: 'slow' });
    expect(hospital.faults.list()).toEqual([{ service: 'QueryDoctors', mode: 'slow', rate: 1, delayMs: 3000 }]);
  });

  it('timeout: never answers until the hospital closes, then the request ends as dropped', async () => {
    hospital.faults.set({ service: 'QueryDepartments', mode: 'timeout' });
    let settled = false;
    const pending = hospital.answer(request('QueryDepartments')).finally(() => (settled = true));
    await new Promise((resolve) => setImmediate(resolve));
    expect(settled).toBe(false);
    hospital.close();
    const answer = await pending;
    expect(answer.dropped).toBe(true);
    expect(parseEnvelope(answer.xml).Header).toMatchObject({ ResultCode: '9999', ResultMessage: '医院系统已关闭' });
  });

  it('answers 9999 after close without touching the database', async () => {
    hospital.close();
    expect(parseEnvelope(await hospital.handle(request('GetHospitalInfo'))).Header.ResultCode).toBe('9999');
  });
});

describe('stats', () => {
  it('counts HSB calls received by ServiceName, faulted and refused ones too, and resets', async () => {
    const hospital = createHospital();
    await callHsb(hospital, 'QueryDepartments');
    await callHsb(hospital, 'QueryDepartments');
    await callHsb(hospital, 'QueryDoctors', { DeptCode: 'nope' });
    hospital.faults.set({ service: 'GetHospitalInfo', mode: 'error' });
    await callHsb(hospital, 'GetHospitalInfo');
    await hospital.handle('<not xml');
    expect(hospital.stats.snapshot()).toEqual({ calls: { QueryDepartments: 2, QueryDoctors: 1, GetHospitalInfo: 1 } });
    hospital.stats.reset();
    expect(hospital.stats.snapshot()).toEqual({ calls: {} });
    hospital.close();
  });
});

describe('system errors', () => {
  it('answers 9999 without details when a service throws, and reports the exception', async () => {
    const reported: Array<[unknown, string]> = [];
    const hospital = createHospital({ onError: (error, service) => reported.push([error, service]) });
    hospital.db.exec('DELETE FROM hospital');
    const answer = await callHsb(hospital, 'GetHospitalInfo', {}, 'boom');
    expect(answer.Header).toMatchObject({ MessageId: 'boom', ResultCode: '9999', ResultMessage: '系统错误，请稍后重试' });
    expect(answer.Body).toBe('');
    expect(reported).toHaveLength(1);
    expect(reported[0]?.[1]).toBe('GetHospitalInfo');
    hospital.close();
  });
});

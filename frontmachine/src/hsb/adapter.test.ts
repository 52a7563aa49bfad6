import { createServer } from 'node:net';
import pino from 'pino';
import type { Metrics } from '../metrics';
import { fields, type FakeHsb } from '../../testing/fake-hsb';
import { hsbAdapterFixture } from '../../testing/hsb-adapter';
import { HsbHospital } from './adapter';
import { HsbClient } from './client';

// 09:30:00 in Shanghai on 2026-11-26, whatever TZ the tests run in.
const NOW = Date.UTC(2026, 10, 26, 1, 30, 0);
const silent = pino({ level: 'silent' });

const HOSPITAL = fields({
  HospitalName: '星河儿童医院',
  Level: '三级甲等',
  Address: '星河路1号',
  Phone: '020-12345678',
  Intro: '第一段。\n第二段。',
  Hours: '周一至周日 08:00-17:30',
  Traffic: '地铁1号线星河站A口',
});
const dept = (code: string, name: string, parent: string) => `<Department>${fields({ DeptCode: code, DeptName: name, ParentCode: parent, Intro: `${name}简介`, Location: '门诊楼3楼A区' })}</Department>`;
const doctor = (code: string, fee: string, gender = '1') =>
  `<Doctor>${fields({ DoctorCode: code, DoctorName: '李明', Title: '主任医师', DeptCode: '0101', DeptName: '呼吸科', Specialty: '哮喘', Intro: '二十年临床经验。', Gender: gender, RegFee: fee })}</Doctor>`;
const schedule = (code: string, o: Partial<Record<'TimeFlag' | 'RemainNum' | 'Status' | 'RegFee', string>> = {}) =>
  `<Schedule>${fields({
    ScheduleCode: code,
    DoctorCode: 'D001',
    DoctorName: '李明',
    Title: '主任医师',
    DeptCode: '0101',
    DeptName: '呼吸科',
    ClinicDate: '2026-11-27',
    TimeFlag: o.TimeFlag ?? '1',
    BeginTime: o.TimeFlag === '2' ? '14:00' : '08:00',
    EndTime: o.TimeFlag === '2' ? '17:30' : '12:00',
    RegFee: o.RegFee ?? '25.00',
    TotalNum: '20',
    RemainNum: o.RemainNum ?? '7',
    Status: o.Status ?? '0',
  })}</Schedule>`;

describe('HSB adapter against a fake HSB', () => {
  const hsb = hsbAdapterFixture({ now: NOW, timeoutMs: 1000, logClient: false });
  const { answer, failure } = hsb;
  let fake: FakeHsb;
  let metrics: Metrics;
  let hospital: HsbHospital;
  beforeEach(() => ({ fake, metrics, hospital } = hsb));

  describe('request envelopes', () => {
    it('sends one envelope per call with the header of typings/hsb.ts', async () => {
      answer(() => ({ bodyXml: '<Doctors/>' }));
      await hospital.doctors('0101');
      const [call] = fake.calls;
      expect(call).toMatchObject({
        service: 'QueryDoctors',
        sourceSystem: 'FRONT',
        sendTime: '2026-11-26 09:30:00',
        body: { DeptCode: '0101' },
      });
      expect(call?.contentType).toBe('application/xml; charset=utf-8');
      expect(call?.messageId).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
      expect(call?.xml.startsWith('<?xml version="1.0" encoding="UTF-8"?>')).toBe(true);
      expect(call?.body).not.toHaveProperty('DoctorCode');
    });

    it('uses a fresh MessageId per call', async () => {
      answer(() => ({ bodyXml: '<Departments/>' }));
      await hospital.departments();
      await hospital.departments();
      expect(fake.calls[0]?.messageId).not.toBe(fake.calls[1]?.messageId);
    });

    it('asks schedules by department or by doctor with inclusive dates', async () => {
      answer(() => ({ bodyXml: '<Schedules/>' }));
      await hospital.schedules({ deptId: '01', from: '2026-11-26', to: '2026-12-02' });
      await hospital.schedules({ doctorId: 'D001', from: '2026-11-27', to: '2026-11-27' });
      expect(fake.calls.map((c) => [c.service, c.body])).toEqual([
        ['QuerySchedules', { DeptCode: '01', BeginDate: '2026-11-26', EndDate: '2026-12-02' }],
        ['QuerySchedules', { DoctorCode: 'D001', BeginDate: '2026-11-27', EndDate: '2026-11-27' }],
      ]);
    });
  });

  describe('GetHospitalInfo', () => {
    it('maps the hospital profile', async () => {
      answer(() => ({ bodyXml: `<Hospital>${HOSPITAL}</Hospital>` }));
      expect(await hospital.hospitalInfo()).toEqual({
        name: '星河儿童医院',
        level: '三级甲等',
        address: '星河路1号',
        phone: '020-12345678',
        intro: '第一段。\n第二段。',
        hours: '周一至周日 08:00-17:30',
        traffic: '地铁1号线星河站A口',
        bookingRules: { payAtBooking: false, maxActiveAppointments: 3, holdMinutes: 10 },
      });
      expect(fake.calls[0]?.service).toBe('GetHospitalInfo');
    });

    it('maps the booking rules the hospital sets, and refuses ones off protocol', async () => {
      const rules = (pay: string, max: string) => `<BookingRules><PayAtBooking>${pay}</PayAtBooking><MaxActiveAppointments>${max}</MaxActiveAppointments><HoldMinutes>15</HoldMinutes></BookingRules>`;
      answer(() => ({ bodyXml: `<Hospital>${HOSPITAL}${rules('1', '2')}</Hospital>` }));
      expect((await hospital.hospitalInfo()).bookingRules).toEqual({ payAtBooking: true, maxActiveAppointments: 2, holdMinutes: 15 });
      answer(() => ({ bodyXml: `<Hospital>${HOSPITAL}${rules('Y', '2')}</Hospital>` }));
      expect((await failure(hospital.hospitalInfo())).code).toBe('HOSPITAL_UNAVAILABLE');
      answer(() => ({ bodyXml: `<Hospital>${HOSPITAL}${rules('0', '0')}</Hospital>` }));
      expect((await failure(hospital.hospitalInfo())).code).toBe('HOSPITAL_UNAVAILABLE');
    });

    it('treats a missing profile as the hospital being unavailable', async () => {
      answer(() => ({ bodyXml: '' }));
      expect((await failure(hospital.hospitalInfo())).code).toBe('HOSPITAL_UNAVAILABLE');
    });
  });

  describe('QueryDepartments', () => {
    it('maps departments, top level with parentId null, codes kept as text', async () => {
      answer(() => ({ bodyXml: `<Departments>${dept('01', '儿内科', '')}${dept('0101', '呼吸科', '01')}${dept('007', '中医科', '')}</Departments>` }));
      expect(await hospital.departments()).toEqual([
        { deptId: '01', name: '儿内科', parentId: null, intro: '儿内科简介', location: '门诊楼3楼A区' },
        { deptId: '0101', name: '呼吸科', parentId: '01', intro: '呼吸科简介', location: '门诊楼3楼A区' },
        { deptId: '007', name: '中医科', parentId: null, intro: '中医科简介', location: '门诊楼3楼A区' },
      ]);
    });

    it('reads a single department as a list of one', async () => {
      answer(() => ({ bodyXml: `<Departments>${dept('01', '儿内科', '')}</Departments>` }));
      expect(await hospital.departments()).toHaveLength(1);
    });

    it.each(['<Departments/>', '<Departments></Departments>', '<Departments>\n  </Departments>'])('reads %j as no departments', async (xml) => {
      answer(() => ({ bodyXml: xml }));
      expect(await hospital.departments()).toEqual([]);
    });
  });

  describe('QueryDoctors', () => {
    it('maps doctors of a department with fees in exact fen', async () => {
      answer(() => ({ bodyXml: `<Doctors>${doctor('D1', '0.10')}${doctor('D2', '25.00')}${doctor('D3', '199.99')}</Doctors>` }));
      const doctors = await hospital.doctors('01');
      expect(doctors.map((d) => d.fee)).toEqual([10, 2500, 19999]);
      expect(doctors[0]).toEqual({ doctorId: 'D1', name: '李明', title: '主任医师', deptId: '0101', deptName: '呼吸科', specialty: '哮喘', fee: 10 });
    });

    it('reads a single doctor as a list of one, and no doctors as an empty list', async () => {
      answer(() => ({ bodyXml: `<Doctors>${doctor('D1', '10.00')}</Doctors>` }));
      expect(await hospital.doctors('01')).toHaveLength(1);
      answer(() => ({ bodyXml: '<Doctors/>' }));
      expect(await hospital.doctors('01')).toEqual([]);
    });

    it('maps one doctor with intro and gender', async () => {
      answer((call) => ({ bodyXml: `<Doctors>${doctor(call.body.DoctorCode ?? '?', '35.00', '2')}</Doctors>` }));
      expect(await hospital.doctor('D9')).toEqual({
        doctorId: 'D9',
        name: '李明',
        title: '主任医师',
        deptId: '0101',
        deptName: '呼吸科',
        specialty: '哮喘',
        fee: 3500,
        intro: '二十年临床经验。',
        gender: 'F',
      });
      expect(fake.calls[0]?.body).toEqual({ DoctorCode: 'D9' });
    });

    it('maps gender 1 to M', async () => {
      answer(() => ({ bodyXml: `<Doctors>${doctor('D1', '35.00', '1')}</Doctors>` }));
      expect((await hospital.doctor('D1')).gender).toBe('M');
    });

    it('answers NOT_FOUND (doctorId) when the HSB returns no such doctor', async () => {
      answer(() => ({ bodyXml: '<Doctors/>' }));
      const e = await failure(hospital.doctor('D404'));
      expect([e.code, e.field]).toEqual(['NOT_FOUND', 'doctorId']);
    });

    it('maps 1001 to NOT_FOUND with the field and the HSB message', async () => {
      answer(() => ({ code: '1001', message: '科室不存在' }));
      const e = await failure(hospital.doctors('X9'));
      expect([e.code, e.field, e.message]).toEqual(['NOT_FOUND', 'deptId', '科室不存在']);
      answer(() => ({ code: '1001', message: '医生不存在' }));
      const d = await failure(hospital.doctor('X9'));
      expect([d.code, d.field, d.message]).toEqual(['NOT_FOUND', 'doctorId', '医生不存在']);
    });

    it('falls back to a Chinese message when 1001 comes without one', async () => {
      answer(() => ({ code: '1001', message: '' }));
      const e = await failure(hospital.doctors('X9'));
      expect([e.code, e.field, e.message]).toEqual(['NOT_FOUND', 'deptId', '未找到该科室']);
    });

    it('refuses an unknown gender code as off protocol', async () => {
      answer(() => ({ bodyXml: `<Doctors>${doctor('D1', '35.00', '9')}</Doctors>` }));
      expect((await failure(hospital.doctor('D1'))).code).toBe('HOSPITAL_UNAVAILABLE');
    });
  });

  describe('QuerySchedules', () => {
    it('maps sessions: TimeFlag to AM/PM, fee in fen, counts as numbers', async () => {
      answer(() => ({ bodyXml: `<Schedules>${schedule('S1')}${schedule('S2', { TimeFlag: '2', RegFee: '0.10' })}</Schedules>` }));
      const [am, pm] = await hospital.schedules({ doctorId: 'D001', from: '2026-11-27', to: '2026-11-27' });
      expect(am).toEqual({
        scheduleId: 'S1',
        doctorId: 'D001',
        doctorName: '李明',
        title: '主任医师',
        deptId: '0101',
        deptName: '呼吸科',
        date: '2026-11-27',
        period: 'AM',
        startTime: '08:00',
        endTime: '12:00',
        fee: 2500,
        totalSlots: 20,
        remaining: 7,
        status: 'open',
      });
      expect(pm).toMatchObject({ scheduleId: 'S2', period: 'PM', startTime: '14:00', endTime: '17:30', fee: 10 });
    });

    it('maps Status and RemainNum to open, full and stopped', async () => {
      answer(() => ({
        bodyXml: `<Schedules>${schedule('OPEN')}${schedule('FULL', { RemainNum: '0' })}${schedule('STOP', { Status: '1' })}${schedule('STOP0', { Status: '1', RemainNum: '0' })}</Schedules>`,
      }));
      const list = await hospital.schedules({ deptId: '01', from: '2026-11-26', to: '2026-12-02' });
      expect(list.map((s) => [s.scheduleId, s.status])).toEqual([
        ['OPEN', 'open'],
        ['FULL', 'full'],
        ['STOP', 'stopped'],
        ['STOP0', 'stopped'],
      ]);
    });

    it('reads a single session as a list of one, and none as an empty list', async () => {
      answer(() => ({ bodyXml: `<Schedules>${schedule('S1')}</Schedules>` }));
      expect(await hospital.schedules({ deptId: '01', from: '2026-11-26', to: '2026-11-26' })).toHaveLength(1);
      answer(() => ({ bodyXml: '<Schedules></Schedules>' }));
      expect(await hospital.schedules({ deptId: '01', from: '2026-11-26', to: '2026-11-26' })).toEqual([]);
    });

    it('maps 1001 on a schedule query to NOT_FOUND on the field asked by', async () => {
      answer(() => ({ code: '1001', message: '医生不存在' }));
      const e = await failure(hospital.schedules({ doctorId: 'NOPE', from: '2026-11-26', to: '2026-11-26' }));
      expect([e.code, e.field]).toEqual(['NOT_FOUND', 'doctorId']);
    });

    it('maps 1002 to INVALID_INPUT', async () => {
      answer(() => ({ code: '1002', message: '日期格式不正确' }));
      const e = await failure(hospital.schedules({ deptId: '01', from: '2026-11-26', to: '2026-11-26' }));
      expect([e.code, e.message]).toEqual(['INVALID_INPUT', '日期格式不正确']);
    });

    it.each([{ TimeFlag: '3' }, { Status: '2' }, { RemainNum: '-1' }, { RegFee: '25.005' }])('refuses an off-protocol session %j', async (o) => {
      answer(() => ({ bodyXml: `<Schedules>${schedule('S1', o)}</Schedules>` }));
      expect((await failure(hospital.schedules({ deptId: '01', from: '2026-11-26', to: '2026-11-26' }))).code).toBe('HOSPITAL_UNAVAILABLE');
    });
  });

  describe('an unavailable hospital', () => {
    const UNAVAILABLE = '医院系统暂时无法连接，请稍后再试';

    it('maps 9999 to HOSPITAL_UNAVAILABLE and counts it as an error', async () => {
      answer(() => ({ code: '9999', message: '系统繁忙' }));
      const e = await failure(hospital.departments());
      expect([e.code, e.message]).toEqual(['HOSPITAL_UNAVAILABLE', UNAVAILABLE]);
      expect(metrics.snapshot().hsb).toMatchObject({ calls: 1, errors: 1, timeouts: 0 });
    });

    it('maps 2001 to RULE_VIOLATION with the HSB message', async () => {
      answer(() => ({ code: '2001', message: '该医生今日停诊' }));
      const e = await failure(hospital.departments());
      expect([e.code, e.message]).toEqual(['RULE_VIOLATION', '该医生今日停诊']);
    });

    it('gives up after HSB_TIMEOUT_MS and counts a timeout', async () => {
      answer(() => ({ hang: true }));
      const e = await failure(hospital.departments());
      expect([e.code, e.message]).toEqual(['HOSPITAL_UNAVAILABLE', UNAVAILABLE]);
      expect(metrics.snapshot().hsb).toMatchObject({ calls: 1, errors: 1, timeouts: 1 });
      fake.releaseHanging();
    });

    it('maps a refused connection to HOSPITAL_UNAVAILABLE', async () => {
      const port = await freePort();
      const refused = new HsbHospital(new HsbClient({ url: `http://127.0.0.1:${port}`, timeoutMs: 1000, concurrency: 1, clock: () => NOW, logger: silent }));
      expect((await failure(refused.departments())).code).toBe('HOSPITAL_UNAVAILABLE');
    });

    it.each([
      ['an HTTP error', { raw: 'oops', status: 502 }],
      ['unparsable XML', { raw: '<Message><Header>' }],
      ['not XML at all', { raw: 'Service Unavailable' }],
      ['an envelope without ResultCode', { raw: '<Message><Header><ServiceName>QueryDepartments</ServiceName></Header><Body/></Message>' }],
    ])('maps %s to HOSPITAL_UNAVAILABLE', async (_what, a) => {
      answer(() => a);
      expect((await failure(hospital.departments())).code).toBe('HOSPITAL_UNAVAILABLE');
      expect(metrics.snapshot().hsb.errors).toBe(1);
    });

    it('refuses an answer to another message', async () => {
      answer(() => ({ messageId: 'someone-else', bodyXml: '<Departments/>' }));
      expect((await failure(hospital.departments())).code).toBe('HOSPITAL_UNAVAILABLE');
    });

    it('does not count business answers as errors', async () => {
      answer(() => ({ code: '1001', message: '科室不存在' }));
      await failure(hospital.doctors('X'));
      answer(() => ({ bodyXml: '<Departments/>' }));
      await hospital.departments();
      expect(metrics.snapshot().hsb).toMatchObject({ calls: 2, errors: 0, timeouts: 0 });
    });
  });
});

/** A port nothing listens on: bind, note, release. */
function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const address = srv.address();
      const port = typeof address === 'object' && address !== null ? address.port : 0;
      srv.close(() => resolve(port));
    });
  });
}

/**
 * Realistic hospital data for page tests: a children's hospital, as the sandbox seeds it.
 */
import type { DepartmentGroup, Doctor, DoctorSummary, HospitalInfo, Schedule } from '../../typings/hospital';

export const HOSPITAL: HospitalInfo = {
  name: '青禾市儿童医院',
  level: '三级甲等',
  address: '青禾市文昌区育英路88号',
  phone: '0000-86120000',
  intro: '青禾市儿童医院始建于1953年，是一所三级甲等儿童专科医院。\n医院秉承“一切为了孩子”的宗旨，推行预约诊疗。',
  hours: '门诊：周一至周日 上午08:00–12:00，下午14:00–17:30',
  traffic: '地铁：2号线育英路站C出口，步行约300米。',
  bookingRules: { payAtBooking: false, maxActiveAppointments: 3, holdMinutes: 10 },
};

export const GROUPS: DepartmentGroup[] = [
  {
    deptId: '0100',
    name: '儿内科',
    intro: '儿内科是医院规模最大的临床科室群。',
    children: [
      { deptId: '0101', name: '呼吸科', parentId: '0100', intro: '儿童呼吸科为省级临床重点专科。', location: '门诊楼3楼A区' },
      { deptId: '0102', name: '消化科', parentId: '0100', intro: '消化科诊治儿童消化系统疾病。', location: '门诊楼3楼B区' },
    ],
  },
  {
    deptId: '0200',
    name: '儿外科',
    intro: '儿外科开展小儿普外、骨科手术。',
    children: [{ deptId: '0201', name: '小儿普外科', parentId: '0200', intro: '诊治疝气、阑尾炎。', location: '外科门诊楼2楼A区' }],
  },
  { deptId: '0600', name: '皮肤科', intro: '诊治儿童湿疹、荨麻疹。', children: [] },
];

export const RESPIRATORY = GROUPS[0]!.children[0]!;

export const DOCTORS: DoctorSummary[] = [
  { doctorId: 'D0101', name: '王建国', title: '主任医师', deptId: '0101', deptName: '呼吸科', specialty: '儿童哮喘、慢性咳嗽', fee: 5000 },
  { doctorId: 'D0102', name: '李秀英', title: '主治医师', deptId: '0101', deptName: '呼吸科', specialty: '支气管肺炎', fee: 2000 },
  { doctorId: 'D0103', name: '陈晓红', title: '副主任医师', deptId: '0102', deptName: '消化科', specialty: '小儿腹泻、功能性便秘', fee: 3500 },
  { doctorId: 'D0201', name: '赵志强', title: '主任医师', deptId: '0201', deptName: '小儿普外科', specialty: '腹股沟疝、阑尾炎', fee: 5000 },
  { doctorId: 'D0601', name: '孙丽', title: '主治医师', deptId: '0600', deptName: '皮肤科', specialty: '湿疹、荨麻疹', fee: 2000 },
];

export const WANG: Doctor = { ...DOCTORS[0]!, gender: 'M', intro: '从事儿童呼吸疾病诊治30年，擅长儿童哮喘规范化管理。' };

/** 2026-11-30 is a Monday; seven dates from it. */
export const DATES = ['2026-11-30', '2026-12-01', '2026-12-02', '2026-12-03', '2026-12-04', '2026-12-05', '2026-12-06'];

/** A session of `doctor` as the hospital lists it: the period's usual hours, 12 of 20 numbers left, open. */
export function doctorSession(doctor: DoctorSummary, partial: Partial<Schedule> & Pick<Schedule, 'scheduleId' | 'date' | 'period'>): Schedule {
  return {
    doctorId: doctor.doctorId,
    doctorName: doctor.name,
    title: doctor.title,
    deptId: doctor.deptId,
    deptName: doctor.deptName,
    startTime: partial.period === 'AM' ? '08:00' : '14:00',
    endTime: partial.period === 'AM' ? '12:00' : '17:30',
    fee: doctor.fee,
    totalSlots: 20,
    remaining: 12,
    status: 'open',
    ...partial,
  };
}

function session(partial: Partial<Schedule> & Pick<Schedule, 'scheduleId' | 'doctorId' | 'date' | 'period'>): Schedule {
  return doctorSession(DOCTORS.find((d) => d.doctorId === partial.doctorId)!, partial);
}

export const RESPIRATORY_SCHEDULES: Schedule[] = [
  session({ scheduleId: 'S1', doctorId: 'D0101', date: '2026-11-30', period: 'AM', remaining: 12 }),
  session({ scheduleId: 'S2', doctorId: 'D0102', date: '2026-11-30', period: 'PM', remaining: 0, status: 'full' }),
  session({ scheduleId: 'S3', doctorId: 'D0101', date: '2026-12-01', period: 'PM', remaining: 20, status: 'stopped' }),
  session({ scheduleId: 'S4', doctorId: 'D0102', date: '2026-12-02', period: 'AM', remaining: 3 }),
];

/** The seed data files under `data/`, typed: name lists, the department tree and text templates. */
import departmentsJson from './data/departments.json';
import doctorsJson from './data/doctors.json';
import hospitalJson from './data/hospital.json';
import namesJson from './data/names.json';
import chargeItemsJson from './data/charge-items.json';

export interface HospitalProfileData {
  name: string;
  level: string;
  address: string;
  phone: string;
  /** Paragraphs, joined with blank lines. */
  intro: string[];
  hours: string;
  traffic: string;
  /** Where the hospital is on the map (GCJ-02 degrees). */
  location?: { latitude: number; longitude: number };
}

/** A department in the tree; `children` makes it a group, `focus` feeds its doctors' specialty lines. */
export interface DepartmentData {
  code: string;
  name: string;
  intro: string;
  focus?: string[];
  /** Included only by some seeds. */
  optional?: boolean;
  /** Key into `buildings`; top-level departments only. */
  building?: string;
  children?: DepartmentData[];
}

export interface DepartmentsData {
  buildings: Record<string, { name: string; floors: number[] }>;
  areas: string[];
  /** Share of seeds that include an optional department. */
  optionalRate: number;
  groups: DepartmentData[];
}

/** A professional title with what it implies: fee, slot length, years of practice, weekly clinics. */
export interface TitleData {
  title: string;
  feeFen: number;
  slotMinutes: number;
  /** `[min, max]` years of practice. */
  years: number[];
  /** `[min, max]` half-day clinics a week. */
  weeklySessions: number[];
  weight: number;
  /** Intro template keys in order; a trailing `?` makes the part optional. */
  intro: string[];
}

export interface DoctorsData {
  /** `[min, max]` doctors per department that sees patients. */
  perDepartment: number[];
  titles: TitleData[];
  /** Session hours by TimeFlag (1 morning, 2 afternoon). */
  sessions: Record<'1' | '2', { begin: string; end: string }>;
  /** Likelihood of a clinic on each weekday, Sunday first. */
  weekdayWeights: number[];
  afternoonWeight: number;
  schedule: { stoppedRate: number; fullRate: number; maxBookedShare: number };
  schools: string[];
  degrees: string[];
  training: string[];
  societies: string[];
  introTemplates: Record<string, string>;
  optionalPartRate: number;
}

export interface NamesData {
  surnames: string[];
  givenMale: string[];
  givenFemale: string[];
  singleGivenRate: number;
  femaleRate: number;
}

export const hospitalData: HospitalProfileData = hospitalJson;
export const departmentsData: DepartmentsData = departmentsJson;
export const doctorsData: DoctorsData = doctorsJson;
export const namesData: NamesData = namesJson;

/** One orderable item of the hospital's price list (药品 / 检查 / 检验 / 治疗), price in fen. */
export interface ChargeItemData {
  name: string;
  spec: string;
  unit: string;
  priceFen: number;
}

/** The price list the sandbox's doctors order from; bill types are HSB BillType 1 drug, 2 exam, 3 lab, 4 treatment. */
export interface ChargeItemsData {
  billTitles: Record<'1' | '2' | '3' | '4', string>;
  /** `[min, max]` count of one item on a bill, by bill type. */
  quantity: Record<'1' | '2' | '3' | '4', number[]>;
  drugs: ChargeItemData[];
  exams: ChargeItemData[];
  labs: ChargeItemData[];
  treatments: ChargeItemData[];
}

export const chargeItemsData: ChargeItemsData = chargeItemsJson;

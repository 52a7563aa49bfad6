/** The records seed files under `data/`, typed: case templates, prescribing, lab panels, exam and pathology reports. */
import casesJson from './data/cases.json';
import examsJson from './data/exams.json';
import labPanelsJson from './data/lab-panels.json';
import pathologyJson from './data/pathology.json';
import prescribingJson from './data/prescribing.json';

/** Which way a case pushes a lab item: out of range high or low, or a qualitative result positive. */
export type AbnormalTendency = 'high' | 'low' | 'positive';

/** An outpatient case: where it is seen, what it orders, the record's texts ({d} days, {t} temperature). */
export interface CaseData {
  key: string;
  /** Department codes that see it. */
  depts: string[];
  /** Charge item names (drugs, labs, exams, treatments) it typically orders. */
  hints: string[];
  complaint: string;
  illness: string;
  exam: string;
  diagnoses: string[];
  advice: string;
  /** Lab item code → the way this case tends to push it. */
  abnormal: Record<string, AbnormalTendency>;
}

/** A single dose for children under `underYears` (the last band has none: everyone older). */
export interface DoseBand {
  underYears?: number;
  dose: string;
}

export interface PrescribingData {
  route: string;
  frequency: string;
  days: number;
  doses: DoseBand[];
}

/** A numeric lab item with its reference range and optional critical limits. */
export interface NumericLabItem {
  code: string;
  name: string;
  unit: string;
  low: number;
  high: number;
  decimals: number;
  criticalLow?: number;
  criticalHigh?: number;
}

/** A qualitative lab item: the normal result and the abnormal ones. */
export interface QualitativeLabItem {
  code: string;
  name: string;
  normal: string;
  abnormal: string[];
}

export type LabItemData = NumericLabItem | QualitativeLabItem;

export interface LabPanelData {
  specimen: string;
  items: LabItemData[];
}

export interface ExamTextData {
  findings: string;
  conclusion: string;
}

export interface ExamData {
  part: string;
  method: string;
  normal: ExamTextData;
  abnormal: ExamTextData[];
}

export interface PathologyData {
  title: string;
  specimen: string;
  /** {size} is replaced by the specimen's size. */
  gross: string;
  results: { microscopic: string; diagnosis: string }[];
}

export function isNumericItem(item: LabItemData): item is NumericLabItem {
  return 'low' in item;
}

const TENDENCIES: readonly string[] = ['high', 'low', 'positive'];

/** The case file as typed data; a tendency outside high/low/positive is a broken data file. */
function readCases(cases: readonly (Omit<CaseData, 'abnormal'> & { abnormal: Record<string, string | undefined> })[]): CaseData[] {
  return cases.map((c) => {
    const abnormal: Record<string, AbnormalTendency> = {};
    for (const [code, way] of Object.entries(c.abnormal)) {
      if (way === undefined) continue;
      if (!TENDENCIES.includes(way)) throw new Error(`data/cases.json: case ${c.key} pushes ${code} "${way}"`);
      abnormal[code] = way as AbnormalTendency;
    }
    return { ...c, abnormal };
  });
}

export const casesData: CaseData[] = readCases(casesJson.cases);
export const prescribingData: Record<string, PrescribingData> = prescribingJson.drugs;
export const labPanelsData: Record<string, LabPanelData> = labPanelsJson.panels;
export const examsData: Record<string, ExamData> = examsJson.exams;
export const pathologyData: Record<string, PathologyData> = pathologyJson.procedures;

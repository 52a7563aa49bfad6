/** pino to stdout, with personal fields masked or redacted wherever they might slip into a log line. */
import pino, { type DestinationStream, type Logger } from 'pino';
import { maskIdCard, maskName, maskPhone } from '../../miniprogram/core/mask';

/** How a personal value is shown in a log: masked like the app shows it, or not at all. */
type Masking = 'name' | 'idCard' | 'phone' | 'hidden';

/**
 * Keys that carry personal data, in the app's words and the HSB's tags; values under them never
 * reach a log unmasked. Card numbers show like ID numbers (3 first, 4 last); a check-in code is a
 * bearer credential and a guardian a whole person, so neither shows at all. A bill's items (drugs,
 * exams, lab tests) tell a diagnosis: they are health data, so neither they nor whole bill lists show.
 */
const PERSONAL: Record<string, Masking> = {
  name: 'name',
  patientName: 'name',
  guardianName: 'name',
  PatientName: 'name',
  GuardianName: 'name',
  idCardNo: 'idCard',
  guardianIdCardNo: 'idCard',
  IdCardNo: 'idCard',
  GuardianIdCardNo: 'idCard',
  cardNo: 'idCard',
  CardNo: 'idCard',
  phone: 'phone',
  mobile: 'phone',
  Phone: 'phone',
  guardian: 'hidden',
  qrCode: 'hidden',
  QrCode: 'hidden',
  bills: 'hidden',
  Bills: 'hidden',
  items: 'hidden',
  Items: 'hidden',
  itemName: 'hidden',
  ItemName: 'hidden',
  // Records and reports (issue 13): whole answers and every clinical field, in our words and the HSB's.
  visits: 'hidden',
  visit: 'hidden',
  record: 'hidden',
  Record: 'hidden',
  prescriptions: 'hidden',
  Prescriptions: 'hidden',
  reports: 'hidden',
  report: 'hidden',
  Report: 'hidden',
  content: 'hidden',
  results: 'hidden',
  Results: 'hidden',
  points: 'hidden',
  Points: 'hidden',
  diagnosis: 'hidden',
  Diagnosis: 'hidden',
  diagnoses: 'hidden',
  Diagnoses: 'hidden',
  // Inpatient (住院): a stay names a ward and a doctor (health data); a 住院号 shows like a card number.
  stays: 'hidden',
  Stays: 'hidden',
  stay: 'hidden',
  Stay: 'hidden',
  admissionNo: 'idCard',
  AdmissionNo: 'idCard',
  // After the visit (issue 15): the person tested, the invoice's payer, test applications (results) whole, survey answers, the PDF.
  personName: 'name',
  PersonName: 'name',
  payerName: 'name',
  PayerName: 'name',
  person: 'hidden',
  applications: 'hidden',
  Applications: 'hidden',
  application: 'hidden',
  Application: 'hidden',
  answers: 'hidden',
  Answers: 'hidden',
  pdfBase64: 'hidden',
  PdfData: 'hidden',
};

export const PERSONAL_KEYS = Object.keys(PERSONAL);

/** Logged objects nest (`{patient: {guardian: {…}}}`); personal keys are caught up to four levels down. */
const DEPTHS = ['', '*.', '*.*.', '*.*.*.'];

export const REDACT_PATHS = PERSONAL_KEYS.flatMap((k) => DEPTHS.map((prefix) => `${prefix}${k}`));

export const REDACTED = '[REDACTED]';

/** The censor: masks a personal string by its key, hides anything else under a personal key. */
export function maskPersonal(value: unknown, path: string[]): unknown {
  const key = path[path.length - 1] ?? '';
  const masking = Object.hasOwn(PERSONAL, key) ? PERSONAL[key] : 'hidden';
  if (typeof value !== 'string' || masking === 'hidden') return REDACTED;
  if (masking === 'name') return maskName(value);
  if (masking === 'phone') return maskPhone(value);
  return maskIdCard(value);
}

/**
 * To stdout by default, asynchronously: a burst's lines leave in a few writes instead of one blocking
 * write each (what is still buffered is flushed when the process exits).
 */
export function createLogger(level: string, destination?: DestinationStream): Logger {
  const options = { level, base: { service: 'frontmachine' }, redact: { paths: REDACT_PATHS, censor: maskPersonal } };
  return pino(options, destination ?? pino.destination({ dest: 1, sync: false }));
}

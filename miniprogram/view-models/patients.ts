/** How bound patients read on screen, and which one is current. Pure functions, no wx. */
import type { BoundPatient, PatientCard } from '../../typings/patient';

/** The card tag: a verified card unlocks every service; card-less patients can only book. */
export function cardTag(card: PatientCard | null): { text: string; type: 'success' | 'warning' | 'default' } {
  if (card === null) return { text: '未绑卡', type: 'default' };
  return card.state === 'verified' ? { text: '已绑卡', type: 'success' } : { text: '未实名', type: 'warning' };
}

/** What a card says in one line: its number, or 未绑卡. */
export function cardText(card: PatientCard | null): string {
  return card === null ? '未绑卡' : `就诊卡 ${card.cardNo}`;
}

/** One patient as lists and cards render it (every value already masked by the cloud). */
export interface PatientRow {
  patientId: string;
  name: string;
  relation: string;
  idCardNo: string;
  phone: string;
  isDefault: boolean;
  cardNo: string;
  cardText: string;
  cardTag: string;
  cardTagType: 'success' | 'warning' | 'default';
}

export function patientRow(patient: BoundPatient): PatientRow {
  const tag = cardTag(patient.card);
  return {
    patientId: patient.patientId,
    name: patient.name,
    relation: patient.relation,
    idCardNo: patient.idCardNo,
    phone: patient.phone,
    isDefault: patient.isDefault,
    cardNo: patient.card?.cardNo ?? '',
    cardText: cardText(patient.card),
    cardTag: tag.text,
    cardTagType: tag.type,
  };
}

/**
 * 添加就诊人: name, ID number, mobile, relation, and for a patient under 14 (read from the ID number
 * on the device's clock) the guardian. Each field is checked live with the cloud's rules; a server
 * refusal shows under the field it names, or as a toast. One submit at a time.
 */
import { elderModeBehavior } from '../../../behaviors/elder-mode';
import { systemClock } from '../../../core/time';
import { addPatient } from '../../../services/patients';
import { pageComponent } from '../../../behaviors/page';
import {
  EMPTY_PATIENT_FORM,
  fieldRefusal,
  formFieldOf,
  formRefusals,
  needsGuardian,
  PATIENT_FORM_FIELDS,
  patientAddRequest,
  RELATION_CHOICES,
  type PatientForm,
  type PatientFormField,
} from '../../../utils/patient-form';

export const PATIENT_LIST_URL = '/packages/patient/list/index';

/** Fields whose refusal depends on the patient's ID number too (age, same person). */
const DEPENDS_ON_ID: readonly PatientFormField[] = ['guardianName', 'guardianIdCardNo'];

/** True once a value is long enough to judge while typing (an 18-character ID, an 11-digit mobile). */
function looksComplete(field: PatientFormField, value: string): boolean {
  const compact = value.replace(/\s/g, '');
  if (field === 'idCardNo' || field === 'guardianIdCardNo') return compact.length >= 18;
  if (field === 'phone') return compact.length >= 11;
  return false;
}

function noErrors(): Record<PatientFormField, string> {
  return { name: '', idCardNo: '', phone: '', relation: '', guardianName: '', guardianIdCardNo: '' };
}

/** Non-render state: fields the patient has left once (checked as they type from then on), the submit latch. */
interface AddPageState {
  touched: Set<PatientFormField>;
  submitting: boolean;
}

/** A van-field's change or blur, from a field tagged `data-field`. */
interface FieldEvent {
  detail: unknown;
  currentTarget: { dataset: { field: PatientFormField } };
}

pageComponent<AddPageState>()({
  behaviors: [elderModeBehavior],
  data: {
    form: { ...EMPTY_PATIENT_FORM } as PatientForm,
    errors: noErrors(),
    relations: RELATION_CHOICES as string[],
    showGuardian: false,
    submitting: false,
  },
  lifetimes: {
    attached() {
      this.touched = new Set();
      this.submitting = false;
    },
  },
  methods: {
    /** Re-checks `fields` against `form` where the patient has been (or `force`). */
    refusals(form: PatientForm, fields: readonly PatientFormField[], force = false): Record<string, string> {
      const update: Record<string, string> = {};
      const now = systemClock();
      for (const field of fields) {
        if (force || this.touched.has(field) || this.data.errors[field] !== '' || looksComplete(field, form[field])) {
          update[`errors.${field}`] = fieldRefusal(field, form, now) ?? '';
        }
      }
      return update;
    },
    onInput(event: FieldEvent) {
      const field = event.currentTarget.dataset.field;
      const value = typeof event.detail === 'string' ? event.detail : '';
      const form: PatientForm = { ...this.data.form, [field]: value };
      const update: Record<string, unknown> = { [`form.${field}`]: value, ...this.refusals(form, [field]) };
      if (field === 'idCardNo') {
        update.showGuardian = needsGuardian(value, systemClock());
        Object.assign(update, this.refusals(form, DEPENDS_ON_ID));
      }
      this.setData(update);
    },
    onBlur(event: FieldEvent) {
      const field = event.currentTarget.dataset.field;
      this.touched.add(field);
      this.setData(this.refusals(this.data.form, [field], true));
    },
    onRelation(event: { detail: string }) {
      const form: PatientForm = { ...this.data.form, relation: event.detail };
      this.touched.add('relation');
      this.setData({ 'form.relation': event.detail, ...this.refusals(form, ['relation'], true) });
    },
    async onSubmit() {
      if (this.submitting) return;
      const now = systemClock();
      const form = this.data.form;
      const errors = formRefusals(form, now);
      for (const field of PATIENT_FORM_FIELDS) this.touched.add(field);
      if (PATIENT_FORM_FIELDS.some((field) => errors[field] !== '')) {
        this.setData({ errors });
        return;
      }
      this.submitting = true;
      this.setData({ submitting: true, errors });
      const answer = await addPatient(patientAddRequest(form, now));
      this.submitting = false;
      this.setData({ submitting: false });
      if (!answer.ok) {
        const field = formFieldOf(answer.field, this.data.showGuardian);
        if (field !== undefined) this.setData({ [`errors.${field}`]: answer.message });
        else void wx.showToast({ title: answer.message, icon: 'none', duration: 3000 });
        return;
      }
      void wx.showToast({ title: '添加成功', icon: 'success' });
      // Opened from the list (or the home card): back to where the patient came from.
      wx.navigateBack({ fail: () => void wx.redirectTo({ url: PATIENT_LIST_URL }) });
    },
  },
});

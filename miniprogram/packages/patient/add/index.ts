/**
 * 添加就诊人: the document (picker: 居民身份证, 出生医学证明, 港澳/台湾通行证, 护照; birth date and sex where
 * the number does not carry them), name, mobile, relation, the guardian where needed, then 获取验证码
 * — the hospital texts a code to the phone it has on file (the typed one for a new patient) — and the
 * code. Before the first patient the hospital's 隐私保护指引 summary shows with a consent box that is
 * not ticked; WeChat's own privacy authorization shows as a popup when WeChat asks for it. Each field
 * is checked live with the cloud's rules; a server refusal shows under the field it names, or as a
 * toast. One submit at a time.
 */
import type { PatientSendCodeResponse } from '../../../../typings/patient';
import { elderModeBehavior } from '../../../behaviors/elder-mode';
import { PRIVACY_GUIDE_SUMMARY, PRIVACY_GUIDE_VERSION } from '../../../core/privacy';
import { systemClock } from '../../../core/time';
import { addPatient, consentToPrivacy, privacyStatus, sendPatientCode } from '../../../services/patients';
import { agreePrivacy, disagreePrivacy, PRIVACY_AGREE_BUTTON, privacyPending, privacyShown, watchPrivacy } from '../../../services/privacy';
import { pageComponent } from '../../../behaviors/page';
import { routes } from '../../../routes';
import {
  DOCUMENT_CHOICES,
  EMPTY_PATIENT_FORM,
  IDENTITY_FIELDS,
  asksBirth,
  fieldRefusal,
  formFieldOf,
  formNeedsGuardian,
  formRefusals,
  PATIENT_FORM_FIELDS,
  patientAddRequest,
  RELATION_CHOICES,
  sendCodeRequest,
  type PatientForm,
  type PatientFormField,
} from '../../../view-models/patient-form';
import { askConsent } from '../../../services/subscribe';
import { startResendCountdown, stopResendCountdown, type ResendCountdownPage } from '../../../behaviors/resend-countdown';

export const CONSENT_REFUSAL = '请先阅读并同意《隐私保护指引》';

/** Fields whose refusal depends on the patient's document too (age, same person). */
const DEPENDS_ON_DOCUMENT: readonly PatientFormField[] = ['guardianName', 'guardianIdCardNo'];

/** True once a value is long enough to judge while typing (an 18-character ID, an 11-digit mobile, 6 digits). */
function looksComplete(field: PatientFormField, value: string, form: PatientForm): boolean {
  const compact = value.replace(/\s/g, '');
  if ((field === 'idCardNo' && form.docType === 'id_card') || field === 'guardianIdCardNo') return compact.length >= 18;
  if (field === 'phone') return compact.length >= 11;
  if (field === 'smsCode') return compact.length >= 6;
  if (field === 'birthDate') return compact.length >= 10;
  return false;
}

function noErrors(): Record<PatientFormField | 'consent', string> {
  return { ...formRefusals(EMPTY_PATIENT_FORM, 0, []), consent: '' };
}

/** Non-render state: fields the patient has left once, the latches, the challenge and its countdown. */
interface AddPageState extends ResendCountdownPage {
  touched: Set<PatientFormField>;
  submitting: boolean;
  sending: boolean;
  /** The challenge of the last code sent; patient.add gives it back. */
  challengeId: string | undefined;
  unwatchPrivacy: (() => void) | undefined;
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
    documents: DOCUMENT_CHOICES,
    docLabel: DOCUMENT_CHOICES[0]?.name ?? '',
    showDocuments: false,
    askBirth: false,
    showGuardian: false,
    submitting: false,
    sending: false,
    /** Seconds until 获取验证码 may be tapped again; 0 when it may. */
    resendIn: 0,
    /** Where the last code went, masked (138****1234); '' before the first. */
    sentTo: '',
    /** The consent box shows until the account consented to the guide in force; never ticked for the patient. */
    consentNeeded: true,
    agreed: false,
    agreedList: [] as string[],
    privacySummary: PRIVACY_GUIDE_SUMMARY as string[],
    showGuide: false,
    /** WeChat's own privacy authorization is waiting for the user. */
    showPrivacy: false,
    privacyAgreeId: PRIVACY_AGREE_BUTTON,
  },
  lifetimes: {
    attached() {
      this.touched = new Set();
      this.submitting = false;
      this.sending = false;
      this.challengeId = undefined;
      this.unwatchPrivacy = watchPrivacy((needed) => this.setData({ showPrivacy: needed }));
      if (privacyPending()) this.setData({ showPrivacy: true });
      void privacyStatus().then((answer) => {
        // Unknown (offline): the box stays; ticking it again costs nothing.
        if (answer.ok && answer.data.consentedAt !== null) this.setData({ consentNeeded: false });
      });
    },
    detached() {
      stopResendCountdown(this);
      this.unwatchPrivacy?.();
    },
  },
  methods: {
    /** Re-checks `fields` against `form` where the patient has been (or `force`). */
    refusals(form: PatientForm, fields: readonly PatientFormField[], force = false): Record<string, string> {
      const update: Record<string, string> = {};
      const now = systemClock();
      for (const field of fields) {
        if (force || this.touched.has(field) || this.data.errors[field] !== '' || looksComplete(field, form[field], form)) {
          update[`errors.${field}`] = fieldRefusal(field, form, now) ?? '';
        }
      }
      return update;
    },
    /** The layout that follows the document and the age it gives. */
    shape(form: PatientForm): Record<string, unknown> {
      return { askBirth: asksBirth(form), showGuardian: formNeedsGuardian(form, systemClock()) };
    },
    change(field: PatientFormField, value: string) {
      const form: PatientForm = { ...this.data.form, [field]: value };
      const update: Record<string, unknown> = { [`form.${field}`]: value, ...this.refusals(form, [field]) };
      if (field === 'idCardNo' || field === 'birthDate' || field === 'sex') Object.assign(update, this.shape(form), this.refusals(form, DEPENDS_ON_DOCUMENT));
      this.setData(update);
    },
    onInput(event: FieldEvent) {
      this.change(event.currentTarget.dataset.field, typeof event.detail === 'string' ? event.detail : '');
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
    onSex(event: { detail: string }) {
      this.touched.add('sex');
      this.change('sex', event.detail);
    },
    openDocuments() {
      this.setData({ showDocuments: true });
    },
    closeDocuments() {
      this.setData({ showDocuments: false });
    },
    onDocument(event: { detail: { type: string; name: string } }) {
      const form: PatientForm = { ...this.data.form, docType: event.detail.type, birthDate: '', sex: '' };
      // Another document: the number typed for the last one says nothing about this one.
      const errors = { 'errors.idCardNo': '', 'errors.birthDate': '', 'errors.sex': '' };
      this.setData({ 'form.docType': form.docType, 'form.birthDate': '', 'form.sex': '', docLabel: event.detail.name, showDocuments: false, ...errors, ...this.shape(form) });
    },
    /** The consent box (in a checkbox group, so its value is the list of ticked names). */
    onAgree(event: { detail: string[] }) {
      const agreed = Array.isArray(event.detail) && event.detail.includes('consent');
      this.setData({ agreed, agreedList: agreed ? ['consent'] : [], 'errors.consent': '' });
    },
    openGuide() {
      this.setData({ showGuide: true });
    },
    closeGuide() {
      this.setData({ showGuide: false });
    },
    onPrivacyShow() {
      privacyShown();
    },
    onPrivacyAgree() {
      agreePrivacy();
    },
    onPrivacyDisagree() {
      disagreePrivacy();
    },
    /** Consent first, where the account has not given it for the guide in force; false when it cannot go on. */
    async consent(): Promise<boolean> {
      if (!this.data.consentNeeded) return true;
      if (!this.data.agreed) {
        this.setData({ 'errors.consent': CONSENT_REFUSAL });
        return false;
      }
      const answer = await consentToPrivacy(PRIVACY_GUIDE_VERSION);
      if (!answer.ok) {
        void wx.showToast({ title: answer.message, icon: 'none', duration: 3000 });
        return false;
      }
      this.setData({ consentNeeded: false });
      return true;
    },
    showFailure(answer: { message: string; field?: string }) {
      const field = formFieldOf(answer.field, this.data.showGuardian);
      if (answer.field === 'consent') this.setData({ consentNeeded: true, 'errors.consent': answer.message });
      else if (field !== undefined) this.setData({ [`errors.${field}`]: answer.message });
      else void wx.showToast({ title: answer.message, icon: 'none', duration: 3000 });
    },
    async onSendCode() {
      if (this.sending || this.data.resendIn > 0) return;
      const now = systemClock();
      const form = this.data.form;
      const errors = formRefusals(form, now, IDENTITY_FIELDS);
      for (const field of IDENTITY_FIELDS) this.touched.add(field);
      if (IDENTITY_FIELDS.some((field) => errors[field] !== '')) {
        this.setData(Object.fromEntries(IDENTITY_FIELDS.map((f) => [`errors.${f}`, errors[f]])));
        return;
      }
      this.sending = true;
      this.setData({ sending: true });
      try {
        if (!(await this.consent())) return;
        const answer = await sendPatientCode(sendCodeRequest(form, now));
        if (!answer.ok) return this.showFailure(answer);
        const sent: PatientSendCodeResponse = answer.data;
        this.challengeId = sent.challengeId;
        this.setData({ sentTo: sent.sentTo, 'errors.smsCode': '' });
        startResendCountdown(this, Date.parse(sent.resendAfter), (left) => ({ resendIn: left }));
      } finally {
        this.sending = false;
        this.setData({ sending: false });
      }
    },
    async onSubmit() {
      if (this.submitting) return;
      const now = systemClock();
      const form = this.data.form;
      const errors = formRefusals(form, now);
      for (const field of PATIENT_FORM_FIELDS) this.touched.add(field);
      const consent = this.data.consentNeeded && !this.data.agreed ? CONSENT_REFUSAL : '';
      if (errors.smsCode === '' && this.challengeId === undefined) errors.smsCode = '请先获取验证码';
      if (PATIENT_FORM_FIELDS.some((field) => errors[field] !== '') || consent !== '') {
        this.setData({ errors: { ...errors, consent } });
        return;
      }
      this.submitting = true;
      this.setData({ submitting: true, errors: { ...errors, consent } });
      // push: 就诊提醒 / 缴费提醒 / 满意度评价 for this patient, asked on this tap (before any await).
      void askConsent('patient');
      try {
        if (!(await this.consent())) return;
        const answer = await addPatient(patientAddRequest(form, now, this.challengeId));
        if (!answer.ok) return this.showFailure(answer);
        void wx.showToast({ title: '添加成功', icon: 'success' });
        // Opened from the list (or the home card): back to where the patient came from.
        wx.navigateBack({ fail: () => void wx.redirectTo({ url: routes.patientList() }) });
      } finally {
        this.submitting = false;
        this.setData({ submitting: false });
      }
    },
  },
});

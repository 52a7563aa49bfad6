/**
 * HSB patients: identity documents, verification codes (binding proves possession), 建档, cards and the check-in QR code. Leaves are strings (typings/hsb.ts).
 */

// ---- Identity documents -----------------------------------------------------------------------
/** 01 居民身份证, 02 出生医学证明, 03 港澳居民来往内地通行证, 04 台湾居民来往大陆通行证, 05 护照. */
export type HsbDocType = '01' | '02' | '03' | '04' | '05';

// ---- SendVerificationCode (短信验证码) -----------------------------------------------------------
/**
 * Opens a verification challenge and sends a 6-digit code by SMS. `Purpose` BIND (binding a
 * patient): the code goes to the phone on file when the record matches the typed name, phone and
 * guardian, to the typed `Phone` for a person new to the hospital, and to no phone otherwise (the
 * answer is the same). PHONE: to the typed `Phone` (proving a phone, e.g. a visitor's). `Caller` is
 * an opaque id of who asks (one open challenge per caller and person). Codes live 5 minutes and take
 * 5 tries. 2003 with the time to retry in `RetryTime`'s message: again within 60 s for the same
 * caller and person, or the person's 5 sends per hour. Birth date and sex for documents other than
 * 01; a guardian as RegisterPatient.
 */
export interface SendVerificationCodeRequest {
  Purpose: 'BIND' | 'PHONE';
  Caller: string;
  Phone: string;
  DocType?: HsbDocType;
  IdCardNo?: string;
  PatientName?: string;
  BirthDate?: string;
  /** 1 male, 2 female */
  Sex?: '1' | '2';
  GuardianName?: string;
  GuardianIdCardNo?: string;
}
export interface SendVerificationCodeResponse {
  Challenge: {
    ChallengeNo: string;
    /** The typed phone, masked (138****1234). */
    SentTo: string;
    /** Shanghai wall time. */
    ExpireTime: string;
    /** Shanghai wall time from which the same person may be sent a new code. */
    ResendTime: string;
  };
}

// ---- CheckVerificationCode ----------------------------------------------------------------------
/**
 * Checks a PHONE challenge's code and uses it up (a BIND challenge is checked by RegisterPatient).
 * Any failure — unknown, another caller's, expired, used, out of tries, wrong code, another phone —
 * is one 2001 with one message.
 */
export interface CheckVerificationCodeRequest {
  ChallengeNo: string;
  Caller: string;
  Phone: string;
  VerifyCode: string;
}
export interface CheckVerificationCodeResponse {
  Verified: '1';
}

// ---- RegisterPatient (建档: find or create by real name) ---------------------------------------
/**
 * Checks the BIND challenge's code (`ChallengeNo`, `VerifyCode`, the caller and every detail as
 * sent), then finds the hospital patient with this document, or creates one (`AllowNew` 0 refuses
 * to create: 2003). What is on file is never changed. Every "who exists" failure — wrong, expired or
 * used code, details not as sent, a record that does not match — is one 2001 with one message.
 * Under 14 (or with a birth certificate) GuardianName and GuardianIdCardNo are required (1002
 * without them); the guardian must be 18 or older. `DocType` defaults to 01; birth date and sex
 * are required for the others.
 */
export interface RegisterPatientRequest {
  PatientName: string;
  IdCardNo: string;
  Phone: string;
  GuardianName?: string;
  GuardianIdCardNo?: string;
  DocType?: HsbDocType;
  BirthDate?: string;
  Sex?: '1' | '2';
  Caller: string;
  ChallengeNo: string;
  VerifyCode: string;
  AllowNew?: '0' | '1';
}
export interface RegisterPatientResponse {
  Patient: {
    PatientId: string;
    PatientName: string;
    /** 1 male, 2 female */
    Sex: '1' | '2';
    /** YYYY-MM-DD */
    BirthDate: string;
    /** 1 when this call created the record */
    IsNew: '0' | '1';
    /** 1 when a guardian is on record */
    HasGuardian: '0' | '1';
  };
}

// ---- QueryCard (就诊卡) ----------------------------------------------------------------------
/** Unknown card → 1001. */
export interface QueryCardRequest {
  CardNo: string;
}
export interface QueryCardResponse {
  Card: {
    CardNo: string;
    PatientId: string;
    /** 1 real-name verified, 0 issued but not verified, 2 cancelled/lost */
    CardState: '0' | '1' | '2';
  };
}

// ---- GetPatientQrCode (电子就诊码) -------------------------------------------------------------
/**
 * A short-lived code signed by the hospital (kiosks and clinic check-in verify it). Unknown patient
 * → 1001. Lifetime 5 minutes.
 */
export interface GetPatientQrCodeRequest {
  PatientId: string;
}
export interface GetPatientQrCodeResponse {
  QrCode: string;
  /** Asia/Shanghai wall time, YYYY-MM-DD HH:mm:ss */
  ExpireTime: string;
}


/** Patient services; verification codes: binding proves possession. */
export interface HsbPatientServices {
  RegisterPatient: { request: RegisterPatientRequest; response: RegisterPatientResponse };
  SendVerificationCode: { request: SendVerificationCodeRequest; response: SendVerificationCodeResponse };
  CheckVerificationCode: { request: CheckVerificationCodeRequest; response: CheckVerificationCodeResponse };
  QueryCard: { request: QueryCardRequest; response: QueryCardResponse };
  GetPatientQrCode: { request: GetPatientQrCodeRequest; response: GetPatientQrCodeResponse };
}

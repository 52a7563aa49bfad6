/**
 * What the after-the-visit actions keep in the cloud, and nothing more: that a survey was answered
 * (`surveyMarks/<surveyId>`: ids and a time, never the answers), and an e-invoice's PDF in cloud
 * storage for the short life of its temporary URL.
 */
import * as cloud from 'wx-server-sdk';

export const SURVEY_MARKS = 'surveyMarks';
/** How long an invoice's temporary URL lives, in seconds (the issue: 10 minutes). */
export const INVOICE_URL_MAX_AGE_S = 600;

/** `surveyMarks/<surveyId>`: the survey was answered by this account for this patient. */
export interface SurveyMarkDoc {
  openid: string;
  patientId: string;
  answeredAt: number;
}

export async function markSurveyAnswered(surveyId: string, mark: SurveyMarkDoc): Promise<void> {
  const db = cloud.database();
  await db.collection(SURVEY_MARKS).doc(surveyId).set({ data: { ...mark } });
}

/** Whether this survey was answered through the app (a mark is written only after the hospital took the answers). */
export async function isSurveyAnswered(surveyId: string): Promise<boolean> {
  const db = cloud.database({ throwOnNotFound: false } as Record<string, unknown>);
  const { data } = (await db.collection(SURVEY_MARKS).doc(surveyId).get()) as { data: unknown };
  return data !== null && data !== undefined;
}

interface StorageSdk {
  uploadFile(p: { cloudPath: string; fileContent: Buffer }): Promise<{ fileID: string }>;
  getTempFileURL(p: { fileList: { fileID: string; maxAge: number }[] }): Promise<{ fileList: { fileID: string; tempFileURL: string; status: number; errMsg: string }[] }>;
}

/** Uploads a file and answers a temporary URL valid `maxAgeS` seconds from `now`. */
export async function temporaryUrl(cloudPath: string, content: Buffer, maxAgeS: number, now: number): Promise<{ url: string; expiresAt: string }> {
  const storage = cloud as unknown as StorageSdk;
  const { fileID } = await storage.uploadFile({ cloudPath, fileContent: content });
  const { fileList } = await storage.getTempFileURL({ fileList: [{ fileID, maxAge: maxAgeS }] });
  const item = fileList[0];
  if (item === undefined || item.status !== 0 || item.tempFileURL === '') throw new Error(`getTempFileURL failed: ${item?.errMsg ?? 'no answer'}`);
  return { url: item.tempFileURL, expiresAt: new Date(now + maxAgeS * 1000).toISOString() };
}

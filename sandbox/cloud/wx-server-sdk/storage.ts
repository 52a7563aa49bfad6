/**
 * Cloud storage as wx-server-sdk exposes it to a function: `uploadFile({cloudPath, fileContent})` →
 * `{fileID, statusCode}`, `getTempFileURL({fileList: [fileID | {fileID, maxAge}]})` → `{fileList:
 * [{fileID, tempFileURL, maxAge, status, errMsg}]}` (node_modules/wx-server-sdk/index.d.ts; the cloud
 * docs 云存储 uploadFile / getTempFileURL). The local cloud host serves the files at the temporary
 * URL until it expires (storage-routes.ts). Files live in memory: a restart forgets them.
 */
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { CloudSDKError } from './errors';
import { LOCAL_ENV } from './context';

/** The bucket of the local environment, as in `cloud://<env>.<bucket>/<path>`. */
export const LOCAL_BUCKET = `${LOCAL_ENV}.sandbox-bucket`;
/** The cloud's default life of a temporary URL when no maxAge is given: one day. */
export const DEFAULT_MAX_AGE_S = 86_400;
/** The path rule of the cloud docs: no leading `/`, no `..`, at most 850 bytes. */
const CLOUD_PATH = /^(?!\/)(?!.*(?:^|\/)\.\.(?:\/|$))[^\s?#\\]{1,850}$/;

interface StoredFile {
  content: Buffer;
  uploadedAt: number;
}

let files = new Map<string, StoredFile>();
let baseUrl = 'http://127.0.0.1:7103';
let clock: () => number = Date.now;
const signingKey = randomBytes(32);

/** Where the host serves files, and the clock URLs expire by (the functions' business clock). */
export function configureStorage(opts: { baseUrl?: string; clock?: () => number }): void {
  if (opts.baseUrl !== undefined) baseUrl = opts.baseUrl.replace(/\/+$/, '');
  if (opts.clock !== undefined) clock = opts.clock;
}

export function resetStorage(): void {
  files = new Map();
  clock = Date.now;
}

function pathOf(fileID: string): string | undefined {
  const prefix = `cloud://${LOCAL_BUCKET}/`;
  return fileID.startsWith(prefix) ? fileID.slice(prefix.length) : undefined;
}

function signature(path: string, expiresS: number): string {
  return createHmac('sha256', signingKey).update(`${path}\n${expiresS}`).digest('base64url').slice(0, 32);
}

export async function uploadFile(param: { cloudPath: string; fileContent: Buffer }): Promise<{ fileID: string; statusCode: number; errMsg: string }> {
  if (typeof param?.cloudPath !== 'string' || !CLOUD_PATH.test(param.cloudPath)) throw new CloudSDKError('uploadFile', 'cloudPath is invalid', -501001);
  if (!Buffer.isBuffer(param.fileContent)) throw new CloudSDKError('uploadFile', 'fileContent must be a Buffer', -501001);
  files.set(param.cloudPath, { content: Buffer.from(param.fileContent), uploadedAt: clock() });
  return { fileID: `cloud://${LOCAL_BUCKET}/${param.cloudPath}`, statusCode: 200, errMsg: 'uploadFile:ok' };
}

export interface TempFileURLItem {
  fileID: string;
  tempFileURL: string;
  maxAge: number;
  status: number;
  errMsg: string;
}

export async function getTempFileURL(param: { fileList: (string | { fileID: string; maxAge?: number })[] }): Promise<{ fileList: TempFileURLItem[]; errMsg: string }> {
  if (!Array.isArray(param?.fileList) || param.fileList.length === 0 || param.fileList.length > 50) {
    throw new CloudSDKError('getTempFileURL', 'fileList must hold 1 to 50 files', -501001);
  }
  const fileList = param.fileList.map((entry): TempFileURLItem => {
    const fileID = typeof entry === 'string' ? entry : entry.fileID;
    const maxAge = typeof entry === 'string' || entry.maxAge === undefined ? DEFAULT_MAX_AGE_S : entry.maxAge;
    const path = pathOf(fileID);
    if (path === undefined || !files.has(path)) return { fileID, tempFileURL: '', maxAge, status: -503003, errMsg: 'STORAGE_FILE_NONEXIST' };
    const expiresS = Math.floor(clock() / 1000) + maxAge;
    const url = `${baseUrl}/storage/${path.split('/').map(encodeURIComponent).join('/')}?t=${expiresS}&sign=${signature(path, expiresS)}`;
    return { fileID, tempFileURL: url, maxAge, status: 0, errMsg: 'ok' };
  });
  return { fileList, errMsg: 'getTempFileURL:ok' };
}

/** What the host answers for a temporary URL: the file, or why not (a bad or expired signature reads as 403, as a CDN would). */
export function readTemporaryFile(path: string, t: string | undefined, sign: string | undefined): { ok: true; content: Buffer } | { ok: false; status: 403 | 404 } {
  const expiresS = Number(t);
  if (!Number.isInteger(expiresS) || typeof sign !== 'string') return { ok: false, status: 403 };
  const expected = Buffer.from(signature(path, expiresS));
  const given = Buffer.from(sign);
  if (expected.length !== given.length || !timingSafeEqual(expected, given)) return { ok: false, status: 403 };
  if (clock() >= expiresS * 1000) return { ok: false, status: 403 };
  const file = files.get(path);
  return file === undefined ? { ok: false, status: 404 } : { ok: true, content: file.content };
}

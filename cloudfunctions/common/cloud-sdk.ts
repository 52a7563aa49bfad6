/**
 * The one typed port for wx-server-sdk: what our functions use of the cloud (context, database,
 * cloudPay). The real SDK's typings omit cloudPay and type the database loosely, so its module is
 * read through this port in exactly one place (`cloud` below); the local cloud's emulator is checked
 * against the same interfaces with `satisfies`, so a drift on either side fails to compile.
 */
import * as wxServerSdk from 'wx-server-sdk';
import type { PayGateway } from './payments/wxpay';

/** `cloud.getWXContext()`: who and what called (SOURCE: wx_client, wx_trigger, wx_paycallback …). */
export interface CloudContext {
  OPENID?: string;
  APPID?: string;
  UNIONID?: string;
  ENV?: string;
  SOURCE?: string;
  CLIENTIP?: string;
}

/** A query condition's operator value (`_.gte(1).and(_.lt(5))`). */
export interface CommandValue {
  and(...expressions: unknown[]): unknown;
  or(...expressions: unknown[]): unknown;
}

/** `db.command`: the query and update operators we use. */
export interface CloudCommand {
  eq(v: unknown): CommandValue;
  neq(v: unknown): CommandValue;
  gt(v: unknown): CommandValue;
  gte(v: unknown): CommandValue;
  lt(v: unknown): CommandValue;
  lte(v: unknown): CommandValue;
  in(values: readonly unknown[] | unknown[]): CommandValue;
  nin(values: readonly unknown[] | unknown[]): CommandValue;
  exists(v: boolean): CommandValue;
  and(...expressions: unknown[]): unknown;
  or(...expressions: unknown[]): unknown;
  inc(n: number): unknown;
  remove(): unknown;
}

export interface CloudDocument {
  get(): Promise<{ data: unknown }>;
  set(options: { data: Record<string, unknown> }): Promise<unknown>;
  update(options: { data: Record<string, unknown> }): Promise<unknown>;
  remove(): Promise<unknown>;
}

export interface CloudQuery {
  where(condition: Record<string, unknown>): CloudQuery;
  orderBy(field: string, order: 'asc' | 'desc'): CloudQuery;
  skip(n: number): CloudQuery;
  limit(n: number): CloudQuery;
  /** At most 100 documents per call on the server: page with skip. */
  get(): Promise<{ data: unknown[] }>;
  count(): Promise<{ total: number }>;
  /** Updates every matching document (server side: no 20-document limit). */
  update(options: { data: Record<string, unknown> }): Promise<unknown>;
}

export interface CloudCollection extends CloudQuery {
  doc(id: string): CloudDocument;
  add(options: { data: Record<string, unknown> }): Promise<{ _id: string | number }>;
}

export interface CloudTransaction {
  collection(name: string): {
    doc(id: string): {
      get(): Promise<{ data: unknown }>;
      set(options: { data: Record<string, unknown> }): Promise<unknown>;
      update(options: { data: Record<string, unknown> }): Promise<unknown>;
      remove(): Promise<unknown>;
    };
  };
}

export interface CloudDatabase {
  collection(name: string): CloudCollection;
  command: CloudCommand;
  /** A conflict rejects with errCode -501001 (no silent retry); `times` is how many attempts the SDK makes. */
  runTransaction<T>(run: (tx: CloudTransaction) => Promise<T>, times?: number): Promise<T>;
  /** Rejects when the collection exists already (the set-up step treats that as done). */
  createCollection(name: string): Promise<unknown>;
}

/** `cloud.cloudPay`: the WeChat Pay calls the payment engine makes (typed in payments/wxpay.ts). */
export type CloudPayPort = PayGateway;

export interface CloudSdk {
  init(options?: { env?: unknown; throwOnNotFound?: boolean }): void;
  readonly DYNAMIC_CURRENT_ENV: unknown;
  getWXContext(): CloudContext;
  /** `throwOnNotFound: false`: a missing document reads as `data: null` (documented; absent from the SDK's typings). */
  database(options?: { throwOnNotFound?: boolean }): CloudDatabase;
  cloudPay: CloudPayPort;
  /** Open APIs the functions call (declared in each function's config.json). */
  openapi: { subscribeMessage: { send(params: Record<string, unknown>): Promise<unknown> } };
}

/** The SDK the functions run with (the real one in the cloud; the emulator in the local cloud and in jest). */
export const cloud: CloudSdk = wxServerSdk as unknown as CloudSdk;

/**
 * The local cloud host: runs the real cloud function code (cloudfunctions/<name>/src/index.ts)
 * against the emulated wx-server-sdk, one HTTP call per invocation, as the mini program's local
 * mode and the journeys call it. Also owns the cloud functions' business clock in the sandbox.
 */
import { existsSync } from 'node:fs';
import Module from 'node:module';
import { join, resolve } from 'node:path';
import { randomUUID } from 'node:crypto';
import Fastify, { type FastifyInstance } from 'fastify';
import { hospitalDate } from '../../miniprogram/core/time';
import { businessClock, resetClock, setClock } from '../../cloudfunctions/common/clock';
import { closeDatabase, configureDatabase, database, LOCAL_ENV, runWithContext } from './wx-server-sdk';
import { setUpCollections } from '../../cloudfunctions/common/collections';
import { registerPayControls } from './pay-controls';
import { registerStorageRoutes } from './storage-routes';
import { configureStorage } from './wx-server-sdk/storage';
import { registerSubscribeControls } from './subscribe-controls';
import { readTimerTriggers, startTimers, type TimerRunner } from './timers';

/** What a cloud function module exports. */
export interface CloudFunctionModule {
  main(event: unknown, context: unknown): unknown;
}

export interface LocalCloudOptions {
  /** Default 7103; 0 picks a free port. */
  port?: number;
  /** Default 127.0.0.1. */
  host?: string;
  /** The functions' environment (FRONT_MACHINE_URL, FRONT_MACHINE_KEY …), set on process.env while running. */
  env: Record<string, string>;
  /** The sandbox hospital: `/sandbox/clock` is forwarded there so both clocks agree. */
  hospitalUrl?: string;
  /** The emulated database's SQLite file; default ':memory:'. */
  dbPath?: string;
  /** Where function folders live; default the repository's cloudfunctions/. */
  functionsDir?: string;
  /** Extra or replacement functions by name (tests register a failing one, for instance). */
  functions?: Record<string, CloudFunctionModule>;
  /** Fastify request logging; default off. */
  logger?: boolean;
  /** The mini program's AppID reported by getWXContext(). */
  appId?: string;
  /** Run each function's config.json timer triggers on the business clock (`npm start`); default off (tests call jobs directly). */
  timers?: boolean;
}

export interface RunningLocalCloud {
  url: string;
  close(): Promise<void>;
}

const EMULATED_SDK = join(__dirname, 'wx-server-sdk', 'index.ts');
const DEFAULT_FUNCTIONS_DIR = resolve(__dirname, '..', '..', 'cloudfunctions');
const FUNCTION_NAME = /^[A-Za-z0-9_-]{1,60}$/;

type ResolveFilename = (request: string, parent: unknown, isMain: boolean, options?: unknown) => string;
let aliasInstalled = false;

/** Makes `require('wx-server-sdk')` from function code load the emulation (the host runs under tsx, CommonJS). */
export function installSdkAlias(): void {
  if (aliasInstalled) return;
  const moduleInternals = Module as unknown as { _resolveFilename: ResolveFilename };
  const original = moduleInternals._resolveFilename;
  moduleInternals._resolveFilename = function (this: unknown, request, parent, isMain, options) {
    return original.call(this, request === 'wx-server-sdk' ? EMULATED_SDK : request, parent, isMain, options);
  };
  aliasInstalled = true;
}

/** `{now}` of /sandbox/clock: epoch ms or an ISO time; answers epoch ms or undefined when invalid. */
function parseInstant(v: unknown): number | undefined {
  if (typeof v === 'number' && Number.isFinite(v)) return v;
  if (typeof v === 'string' && v.trim() !== '') {
    const ms = Date.parse(v);
    return Number.isNaN(ms) ? undefined : ms;
  }
  return undefined;
}

/** The first line of an error's message, never its stack. */
function briefMessage(e: unknown): string {
  const text = e instanceof Error ? `${e.name}: ${e.message}` : String(e);
  return (text.split('\n')[0] ?? '').slice(0, 300);
}

export async function startLocalCloud(opts: LocalCloudOptions): Promise<RunningLocalCloud> {
  installSdkAlias();
  configureDatabase({ path: opts.dbPath ?? ':memory:' });
  // The deployment's set-up step, as a hospital runs it before go-live: every collection of the manifest.
  await setUpCollections(database());

  // Functions read their configuration from process.env, as in the cloud; restore it on close.
  const previousEnv = new Map<string, string | undefined>();
  for (const [k, v] of Object.entries(opts.env)) {
    previousEnv.set(k, process.env[k]);
    process.env[k] = v;
  }

  const functionsDir = opts.functionsDir ?? DEFAULT_FUNCTIONS_DIR;
  const appId = opts.appId ?? 'wx0000000000sandbox';
  // A function found once is kept, as a warm cloud instance keeps its module; one not found is looked for again next call.
  const loaded = new Map<string, CloudFunctionModule>();
  const loadFunction = (name: string): CloudFunctionModule | undefined => {
    const registered = opts.functions?.[name];
    if (registered) return registered;
    if (!FUNCTION_NAME.test(name)) return undefined;
    const known = loaded.get(name);
    if (known) return known;
    const entry = join(functionsDir, name, 'src', 'index.ts');
    if (!existsSync(entry)) return undefined;
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const mod = require(entry) as Partial<CloudFunctionModule>;
    if (typeof mod.main !== 'function') return undefined;
    loaded.set(name, mod as CloudFunctionModule);
    return mod as CloudFunctionModule;
  };

  let frozen = false;
  const app: FastifyInstance = Fastify({ logger: opts.logger ?? false });
  // WeChat Pay: cloudPay calls back these functions; /sandbox/pay plays the patient paying.
  registerPayControls(app, { loadFunction, appId });
  // Cloud storage: temporary URLs of uploaded files, valid until they expire on the business clock.
  registerStorageRoutes(app);
  // push: WeChat's subscription messages and consent quotas; the console's timer test button.
  registerSubscribeControls(app, { loadFunction, functionsDir, appId });

  app.get('/health', async () => ({ status: 'ok' }));

  app.post<{ Params: { name: string } }>('/functions/:name', async (req, reply) => {
    const header = req.headers['x-wx-openid'];
    const openid = typeof header === 'string' ? header.trim() : '';
    if (openid === '') return reply.code(401).send({ ok: false, code: 'UNAUTHENTICATED', message: '缺少用户身份' });
    const fn = loadFunction(req.params.name);
    if (!fn) {
      return reply.code(404).send({
        errCode: -501000,
        errMsg: `cloud.callFunction:fail -501000 [ResourceNotFound] FunctionName parameter could not be found: ${req.params.name.slice(0, 60)}`,
      });
    }
    const requestId = randomUUID();
    const context = {
      request_id: requestId,
      function_name: req.params.name,
      function_version: '$LATEST',
      namespace: LOCAL_ENV,
      memory_limit_in_mb: 256,
      time_limit_in_ms: 20000,
    };
    try {
      const result = await runWithContext({ OPENID: openid, APPID: appId, ENV: LOCAL_ENV, SOURCE: 'wx_client', CLIENTIP: req.ip }, () =>
        Promise.resolve(fn.main(req.body ?? {}, context)),
      );
      // What the function returns is what callFunction's `result` carries (undefined becomes null).
      return reply.type('application/json; charset=utf-8').send(JSON.stringify(result ?? null));
    } catch (e) {
      req.log.error({ err: e, requestId }, 'cloud function threw');
      if (!opts.logger) console.error(`[local cloud] ${req.params.name} threw (request ${requestId}):`, e);
      return reply.code(500).send({ errCode: -504002, errMsg: `cloud.callFunction:fail -504002 functions execute fail. ${briefMessage(e)}` });
    }
  });

  let businessNow: () => number = Date.now;
  const clockState = () => {
    const nowMs = businessNow();
    return { now: new Date(nowMs).toISOString(), today: hospitalDate(nowMs), frozen };
  };

  app.get('/sandbox/clock', async () => clockState());

  app.post('/sandbox/clock', async (req, reply) => {
    const body = (req.body ?? {}) as Record<string, unknown>;
    const target = parseInstant(body.now);
    if (target === undefined) return reply.code(400).send({ message: 'now 应为 ISO 时间或毫秒时间戳' });
    if (body.freeze !== undefined && typeof body.freeze !== 'boolean') return reply.code(400).send({ message: 'freeze 应为 true 或 false' });
    let hospital: unknown;
    if (opts.hospitalUrl) {
      // The hospital's clock moves first: if it refuses, the cloud's clock stays as it was.
      try {
        const res = await fetch(`${opts.hospitalUrl.replace(/\/+$/, '')}/sandbox/clock`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify(body),
        });
        hospital = (await res.json().catch(() => null)) as unknown;
        if (!res.ok) return reply.code(502).send({ message: '沙箱医院未接受时钟设置', hospital });
      } catch {
        return reply.code(502).send({ message: '无法连接沙箱医院' });
      }
    }
    frozen = body.freeze === true;
    const offset = target - Date.now();
    businessNow = frozen ? () => target : () => Date.now() + offset;
    setClock(businessNow);
    return { ...clockState(), ...(hospital !== undefined ? { hospital } : {}) };
  });

  const address = await app.listen({ port: opts.port ?? 7103, host: opts.host ?? '127.0.0.1' });
  configureStorage({ baseUrl: address, clock: businessClock });
  let timers: TimerRunner | undefined;
  if (opts.timers) {
    const triggers = readTimerTriggers(functionsDir);
    timers = startTimers(triggers, businessClock, async (t, event) => {
      const fn = loadFunction(t.functionName);
      if (!fn) throw new Error(`no function ${t.functionName}`);
      const context = { request_id: randomUUID(), function_name: t.functionName, function_version: '$LATEST', namespace: LOCAL_ENV, memory_limit_in_mb: 256, time_limit_in_ms: 20000 };
      // A timer run has no user: no OPENID, as in the cloud.
      return runWithContext({ APPID: appId, ENV: LOCAL_ENV, SOURCE: 'wx_trigger' }, () => Promise.resolve(fn.main(event, context)));
    });
  }
  return {
    url: address,
    async close() {
      timers?.stop();
      await app.close();
      resetClock();
      closeDatabase();
      for (const [k, v] of previousEnv) {
        if (v === undefined) delete process.env[k];
        else process.env[k] = v;
      }
    },
  };
}

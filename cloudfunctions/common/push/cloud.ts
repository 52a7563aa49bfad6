/** The push collections and configuration as the functions reach them in the cloud (and in the emulation). */
import * as cloud from 'wx-server-sdk';
import { loadPushConfig, type PushConfig } from './config';
import type { PushDatabase } from './store';

/** A missing document reads as null (the SDK's documented `throwOnNotFound: false`). */
export function pushDatabase(): PushDatabase {
  const options: Record<string, unknown> = { throwOnNotFound: false };
  return cloud.database(options) as unknown as PushDatabase;
}

/** The templates in force (SUBSCRIBE_TEMPLATES, or the development defaults); read per call like other configuration. */
export function pushConfig(): PushConfig {
  return loadPushConfig(process.env);
}

/**
 * Fault injection: per HSB service (or `*` for all), answer with an error, never, or late; or apply the
 * request and then never answer (`late-commit`: the hospital wrote it after the caller stopped waiting).
 */
import type { Random } from './random';

export type FaultMode = 'error' | 'timeout' | 'slow' | 'late-commit';

/** An active fault. */
export interface FaultRule {
  /** An HSB service name, or `*` for every service without its own rule. */
  service: string;
  mode: FaultMode;
  /** Share of calls affected, 0..1. */
  rate: number;
  /** How late a `slow` answer comes; how long a `late-commit` holds the connection before dropping it (default: until close). */
  delayMs: number;
}

/** What `POST /sandbox/faults` takes; mode `off` removes the rule of that service (or of `*`). */
export interface FaultSetting {
  service: string;
  mode: FaultMode | 'off';
  rate?: number;
  delayMs?: number;
}

export const ALL_SERVICES = '*';
export const DEFAULT_SLOW_DELAY_MS = 3000;

export class FaultBoard {
  private readonly rules = new Map<string, FaultRule>();

  constructor(private readonly random: Random) {}

  set(setting: FaultSetting): void {
    if (setting.mode === 'off') {
      this.rules.delete(setting.service);
      return;
    }
    this.rules.set(setting.service, {
      service: setting.service,
      mode: setting.mode,
      rate: setting.rate ?? 1,
      delayMs: setting.delayMs ?? (setting.mode === 'late-commit' ? Infinity : DEFAULT_SLOW_DELAY_MS),
    });
  }

  list(): FaultRule[] {
    return [...this.rules.values()];
  }

  clear(): void {
    this.rules.clear();
  }

  /** The fault that strikes this call, if any: the service's own rule, else the `*` rule, at its rate. */
  draw(service: string): FaultRule | undefined {
    const rule = this.rules.get(service) ?? this.rules.get(ALL_SERVICES);
    if (!rule || rule.rate <= 0) return undefined;
    return rule.rate >= 1 || this.random() < rule.rate ? rule : undefined;
  }
}

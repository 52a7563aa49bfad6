/** HSB calls received, by ServiceName, so callers can prove their cache spares the hospital. */
export class CallStats {
  private calls: Record<string, number> = {};

  count(service: string): void {
    this.calls[service] = (this.calls[service] ?? 0) + 1;
  }

  snapshot(): { calls: Record<string, number> } {
    return { calls: { ...this.calls } };
  }

  reset(): void {
    this.calls = {};
  }
}

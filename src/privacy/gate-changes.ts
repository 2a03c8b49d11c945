/**
 * Who must hear that the release gate changed: single sign-on keeps a pupil's decision for the
 * rest of a launch (sso/oidc/release-cache.ts) and must stop using it when the school's consent
 * or the board's agreement changes. Told after the change is committed. A listener that fails
 * (Redis out of reach) does not undo or fail the change the school or operator made: what it
 * keeps expires within a minute by itself, and the next launch reads the gate anew in any case.
 */
interface GateChange {
  /** The schools whose gate for this publisher changed. */
  schoolIds: number[];
  publisherId: number;
}

export type GateChangeListener = (change: GateChange) => Promise<void>;

export function createGateChanges() {
  const listeners: GateChangeListener[] = [];
  return {
    listen(listener: GateChangeListener): void {
      listeners.push(listener);
    },
    async notify(change: GateChange): Promise<void> {
      await Promise.all(listeners.map((listener) => listener(change).catch(() => undefined)));
    },
  };
}

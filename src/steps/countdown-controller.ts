import type { ReactiveController, ReactiveControllerHost } from 'lit';

/** Screen readers hear a running countdown at most this often, so it never drowns out other speech. */
const ANNOUNCE_EVERY = 15;

/**
 * A seconds countdown (rate limits, SMS resend) that re-renders its host every second.
 * `announced` changes at most every 15 s (for a wait of 15 s or more, the end too), for a polite live region.
 */
export class CountdownController implements ReactiveController {
  /** Whole seconds left; 0 when not running. */
  remaining = 0;
  /** Text for the live region, refreshed every ANNOUNCE_EVERY seconds. */
  announced = 0;
  private _deadline = 0;
  private _timer?: ReturnType<typeof setInterval>;

  constructor(
    private readonly host: ReactiveControllerHost,
    private readonly onEnd?: () => void,
  ) {
    host.addController(this);
  }

  get running(): boolean {
    return this.remaining > 0;
  }

  start(seconds: number): void {
    this.stop();
    // Nothing to count for a wait that is not a positive, finite number (an adapter's NaN, -5 or Infinity).
    if (!(seconds > 0 && seconds < Infinity)) return;
    this._deadline = Date.now() + seconds * 1000;
    this.remaining = Math.ceil(seconds);
    this.announced = this.remaining;
    this._timer = setInterval(() => this._tick(), 250);
    this.host.requestUpdate();
  }

  stop(): void {
    clearInterval(this._timer);
    this._timer = undefined;
    this.remaining = 0;
    this.announced = 0;
  }

  hostDisconnected(): void {
    this.stop();
  }

  private _tick(): void {
    const remaining = Math.max(0, Math.ceil((this._deadline - Date.now()) / 1000));
    if (remaining === this.remaining) return;
    this.remaining = remaining;
    if (remaining === 0) {
      this.stop();
      this.onEnd?.();
    } else if (this.announced - remaining >= ANNOUNCE_EVERY && remaining >= ANNOUNCE_EVERY) {
      // (Not in the last 15 s: the end, "You can try again now.", is announced then.)
      this.announced = remaining;
    }
    this.host.requestUpdate();
  }
}

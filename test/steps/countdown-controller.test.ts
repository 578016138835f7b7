import { aTimeout, expect, waitUntil } from '@open-wc/testing';
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { CountdownController } from '../../src/steps/countdown-controller.js';

/** A host that counts render requests, without rendering anything. */
class FakeHost implements ReactiveControllerHost {
  controllers: ReactiveController[] = [];
  updates = 0;
  updateComplete = Promise.resolve(true);
  addController(controller: ReactiveController): void {
    this.controllers.push(controller);
  }
  removeController(): void {}
  requestUpdate(): void {
    this.updates++;
  }
}

/** Stops `Date.now()` (the controller reads the time from it), to move it forward by hand; its 250 ms timer still runs. */
function frozenClock() {
  const realNow = Date.now;
  const start = realNow.call(Date);
  let offset = 0;
  Date.now = () => start + offset;
  return {
    advance: (ms: number) => (offset += ms),
    restore: () => (Date.now = realNow),
  };
}

describe('CountdownController', () => {
  let controller: CountdownController | undefined;
  let clock: ReturnType<typeof frozenClock> | undefined;
  afterEach(() => {
    controller?.stop();
    clock?.restore();
    controller = undefined;
    clock = undefined;
  });

  it('registers with its host and is idle until started', () => {
    const host = new FakeHost();
    controller = new CountdownController(host);
    expect(host.controllers).to.deep.equal([controller]);
    expect(controller.running).to.be.false;
    expect(controller.remaining).to.equal(0);
  });

  it('start() sets remaining and announced to the whole seconds and asks for a render', () => {
    const host = new FakeHost();
    controller = new CountdownController(host);
    controller.start(2.4);
    expect(controller.remaining).to.equal(3);
    expect(controller.announced).to.equal(3);
    expect(controller.running).to.be.true;
    expect(host.updates).to.equal(1);
  });

  it('ignores zero, negative and NaN durations', () => {
    const host = new FakeHost();
    controller = new CountdownController(host);
    for (const seconds of [0, -5, Number.NaN]) {
      controller.start(seconds);
      expect(controller.running, String(seconds)).to.be.false;
    }
  });

  it('counts down each second, re-rendering the host, and calls onEnd once at zero', async () => {
    const host = new FakeHost();
    let ended = 0;
    controller = new CountdownController(host, () => ended++);
    controller.start(2);
    await waitUntil(() => controller!.remaining === 1, 'one second left', { timeout: 2000 });
    const updates = host.updates;
    expect(updates).to.be.at.least(2);
    expect(ended).to.equal(0);
    await waitUntil(() => !controller!.running, 'ended', { timeout: 2000 });
    expect(host.updates).to.be.greaterThan(updates);
    expect(controller.announced).to.equal(0);
    await aTimeout(600);
    expect(ended).to.equal(1);
  });

  it('changes the announcement only every 15 seconds', async () => {
    const host = new FakeHost();
    controller = new CountdownController(host);
    clock = frozenClock();
    controller.start(60);
    clock.advance(5000);
    await waitUntil(() => controller!.remaining === 55, 'at 55', { timeout: 1000 });
    expect(controller.announced).to.equal(60);
    clock.advance(9000);
    await waitUntil(() => controller!.remaining === 46, 'at 46', { timeout: 1000 });
    expect(controller.announced).to.equal(60);
    clock.advance(1000);
    await waitUntil(() => controller!.remaining === 45, 'at 45', { timeout: 1000 });
    expect(controller.announced).to.equal(45);
    clock.advance(10000);
    await waitUntil(() => controller!.remaining === 35, 'at 35', { timeout: 1000 });
    expect(controller.announced).to.equal(45);
  });

  it('stop() and the host disconnecting end the countdown without calling onEnd', async () => {
    const host = new FakeHost();
    let ended = 0;
    controller = new CountdownController(host, () => ended++);
    controller.start(1);
    controller.hostDisconnected();
    expect(controller.running).to.be.false;
    await aTimeout(1300);
    expect(ended).to.equal(0);
    expect(controller.remaining).to.equal(0);
  });

  it('start() again restarts from the new duration', () => {
    const host = new FakeHost();
    controller = new CountdownController(host);
    controller.start(5);
    controller.start(90);
    expect(controller.remaining).to.equal(90);
    expect(controller.announced).to.equal(90);
  });
});

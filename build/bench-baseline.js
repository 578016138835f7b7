// The baseline page: only lit and one trivial element, timed like the kit.
// package.json's `sideEffects` leaves out build/, so a bundler drops a bare import of the element's
// module (and with it the element); a module namespace the page keeps is a use it cannot drop.
import * as baselineElement from './baseline-element.js';

window.baselineElement = baselineElement;
const el = document.createElement('baseline-hello');
document.body.append(el);
window.bench = {
  firstRender: (async () => {
    await customElements.whenDefined('baseline-hello');
    await el.updateComplete;
    return performance.now();
  })(),
};

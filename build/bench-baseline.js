// The baseline page: only lit and one trivial element, timed like the kit.
import './baseline-element.js';

const el = document.createElement('baseline-hello');
document.body.append(el);
window.bench = {
  firstRender: (async () => {
    await customElements.whenDefined('baseline-hello');
    await el.updateComplete;
    return performance.now();
  })(),
};

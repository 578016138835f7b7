// The floor the kit is compared with: a page with only `lit` and one trivial element.
import { LitElement, html } from 'lit';

class BaselineHello extends LitElement {
  render() {
    return html`<h2>Hello</h2>`;
  }
}
customElements.define('baseline-hello', BaselineHello);

import { addKitMessages } from '../localization.js';
import { panelMessages } from '../twofa-manage/panel-messages.js';
import { TwofaStepUp } from './twofa-step-up.component.js';

export * from './twofa-step-up.component.js';

addKitMessages(panelMessages);
if (!customElements.get('twofa-step-up')) customElements.define('twofa-step-up', TwofaStepUp);

declare global {
  interface HTMLElementTagNameMap {
    'twofa-step-up': TwofaStepUp;
  }
}

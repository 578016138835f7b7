import { addKitMessages } from '../localization.js';
import { panelMessages } from './panel-messages.js';
import { TwofaManage } from './twofa-manage.component.js';

export * from './twofa-manage.component.js';
export * from '../events/change.js';
export type { PanelAdapter } from './manage-tasks.js';

addKitMessages(panelMessages);
if (!customElements.get('twofa-manage')) customElements.define('twofa-manage', TwofaManage);

declare global {
  interface HTMLElementTagNameMap {
    'twofa-manage': TwofaManage;
  }
}

import { TwofaEvent } from './twofa-event.js';
import type { MethodId } from '../adapter/types.js';

/**
 * What `<twofa-manage>` changed: two-factor set up (`enabled`), the authenticator replaced, the backup
 * phone changed, a passkey added or renamed, a factor removed, new recovery codes, or two-factor turned off.
 */
export type AccountChange = 'enabled' | 'replaced' | 'phone' | 'passkey-added' | 'passkey-renamed' | 'removed' | 'recovery-codes' | 'off';

export interface ChangeDetail {
  change: AccountChange;
  /** The factor it concerns, where there is one (`removed`: which one). */
  method?: MethodId;
  /** What is on after the change (empty when two-factor is off). */
  methods: MethodId[];
}

/** The account's second factors changed, through `<twofa-manage>`. */
export class TwofaChangeEvent extends TwofaEvent<ChangeDetail> {
  constructor(detail: ChangeDetail) {
    super('twofa-change', detail);
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'twofa-change': TwofaChangeEvent;
  }
}

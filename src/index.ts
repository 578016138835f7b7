/**
 * The public entry: defines the wizard and its steps and exports the types, the HTTP adapter and the events.
 * The adapters have entries of their own: `twofa-enroll/adapter/http` (loaded by the wizard on its first
 * request when only `endpoint` is set) and `twofa-enroll/adapter/memory` (which pulls in `otpauth`).
 */
export * from './twofa-enroll/twofa-enroll.js';
export * from './twofa-step-password/twofa-step-password.js';
export * from './twofa-step-proof/twofa-step-proof.js';
export * from './twofa-step-info/twofa-step-info.js';
export * from './twofa-step-method/twofa-step-method.js';
export * from './twofa-step-qr/twofa-step-qr.js';
export * from './twofa-step-confirm/twofa-step-confirm.js';
export * from './twofa-step-sms/twofa-step-sms.js';
export * from './twofa-step-sms-code/twofa-step-sms-code.js';
export * from './twofa-step-email/twofa-step-email.js';
export * from './twofa-step-email-code/twofa-step-email-code.js';
export * from './twofa-step-passkey/twofa-step-passkey.js';
export * from './twofa-step-emergency/twofa-step-emergency.js';
export * from './twofa-step-done/twofa-step-done.js';
export * from './twofa-code-input/twofa-code-input.js';
export * from './twofa-copy-button/twofa-copy-button.js';
export * from './twofa-qr-code/twofa-qr-code.js';

export * from './adapter/types.js';
export * from './adapter/errors.js';
export type { StepId, MachineError, FlowName } from './twofa-enroll/machine.js';
export * from './events/step-change.js';
export * from './events/complete.js';
export * from './events/cancel.js';
export * from './events/error.js';
export * from './events/step-events.js';
// Types only (the classes live with their elements): typed addEventListener for the shared pieces' events.
export type * from './events/code-complete.js';
export type * from './events/copy.js';
export type * from './events/qr-ready.js';

/**
 * The public entry: defines the wizard and its steps and exports the types, the HTTP adapter and the events.
 * The adapters have entries of their own: `twofa-enroll/adapter/http` (loaded by the wizard on its first
 * request when only `endpoint` is set) and `twofa-enroll/adapter/memory` (which pulls in `otpauth`).
 */
export * from './enroll/twofa-enroll.js';
export * from './steps/twofa-step-password.js';
export * from './steps/twofa-step-info.js';
export * from './steps/twofa-step-method.js';
export * from './steps/twofa-step-qr.js';
export * from './steps/twofa-step-confirm.js';
export * from './steps/twofa-step-sms.js';
export * from './steps/twofa-step-sms-code.js';
export * from './steps/twofa-step-email.js';
export * from './steps/twofa-step-email-code.js';
export * from './steps/twofa-step-emergency.js';
export * from './steps/twofa-step-done.js';
export * from './components/twofa-code-input.js';
export * from './components/twofa-copy-button.js';
export * from './components/twofa-qr-code.js';

export * from './adapter/types.js';
export * from './adapter/errors.js';
export type { StepId, MachineError, FlowName } from './enroll/machine.js';
export * from './events/step-change.js';
export * from './events/complete.js';
export * from './events/cancel.js';
export * from './events/error.js';
export * from './events/step-events.js';
// Types only (the classes live with their elements): typed addEventListener for the shared pieces' events.
export type * from './components/events/code-complete.js';
export type * from './components/events/copy.js';
export type * from './components/events/qr-ready.js';

// The panel's messages in this language: the library build keeps only them here (build/messages.ts).
export { templates } from '../../generated/locales/sv.js';

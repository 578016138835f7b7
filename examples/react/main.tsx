/** Mounts the example in a page: what `npm run test:examples` runs in Chromium with React 19. */
import { createRoot } from 'react-dom/client';
import { TwoFactorSetup } from './Enrollment.js';

const root = createRoot(document.getElementById('root')!);
root.render(<TwoFactorSetup csrfToken="csrf-from-the-page" onDone={(methods) => document.body.setAttribute('data-done', methods.join(','))} />);

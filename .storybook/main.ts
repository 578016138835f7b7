import type { StorybookConfig } from '@storybook/web-components-vite';

/**
 * Storybook for designers (every step, state, flow and language) and for the API docs (autodocs fed by
 * `custom-elements.json`). `npm run storybook` serves it, `npm run build-storybook` writes
 * `storybook-static/`, and `npm run test:storybook` opens every story of that build in Chromium.
 */
const config: StorybookConfig = {
  stories: ['../stories/**/*.stories.ts'],
  addons: ['@storybook/addon-docs', '@storybook/addon-a11y'],
  framework: {
    name: '@storybook/web-components-vite',
    // Not the library build's vite.config.ts (library mode, externals): a config of its own.
    options: { builder: { viteConfigPath: '.storybook/vite.config.ts' } },
  },
  core: { disableTelemetry: true, disableWhatsNewNotifications: true },
};

export default config;

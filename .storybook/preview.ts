import { setCustomElementsManifest, type Preview } from '@storybook/web-components-vite';
import { html } from 'lit';
import { componentDescription, docsManifest } from '../stories/support/elements.js';
import { schemeStyle, type Scheme } from '../stories/support/theme.js';

// Autodocs and the args tables read every attribute, property, event, slot, part and custom property
// (with its description) from the generated manifest.
setCustomElementsManifest(docsManifest);

/** 320 CSS pixels: the narrowest screen the kit supports. */
const VIEWPORTS = {
  narrow320: { name: 'Narrow phone (320 px)', styles: { width: '320px', height: '640px' }, type: 'mobile' },
  phone: { name: 'Phone (390 px)', styles: { width: '390px', height: '844px' }, type: 'mobile' },
  desktop: { name: 'Desktop (1280 px)', styles: { width: '1280px', height: '800px' }, type: 'desktop' },
};

const preview: Preview = {
  tags: ['autodocs'],
  globalTypes: {
    locale: {
      description: 'Language of the kit: set as `lang` on a wrapper, which every element follows',
      toolbar: {
        title: 'Language',
        icon: 'globe',
        items: [
          { value: 'en', title: 'English', right: 'en' },
          { value: 'nb', title: 'Norsk bokmål', right: 'nb' },
          { value: 'sv', title: 'Svenska', right: 'sv' },
          // Generated from the English (locales/README.md): untranslated text shows without [brackets], long text overflows.
          { value: 'qps', title: 'Pseudo-locale (longer, accented)', right: 'qps' },
        ],
        dynamicTitle: true,
      },
    },
    scheme: {
      description: 'Colour scheme: the light or dark palette as --twofa-* properties on a wrapper, or the system setting',
      toolbar: {
        title: 'Colour scheme',
        icon: 'contrast',
        items: [
          { value: 'light', title: 'Light', icon: 'sun' },
          { value: 'dark', title: 'Dark', icon: 'moon' },
          { value: 'system', title: 'Follow the system', icon: 'browser' },
        ],
        dynamicTitle: true,
      },
    },
  },
  initialGlobals: { locale: 'en', scheme: 'light' },
  decorators: [
    (story, { globals, parameters, viewMode }) => {
      const width = (parameters.twofa as { width?: number } | undefined)?.width;
      // A story fills the canvas; inline in the docs page it takes the height it needs.
      const height = viewMode === 'docs' ? '' : 'min-height: 100vh;';
      return html`<div
        class="twofa-story"
        lang=${globals.locale ?? 'en'}
        data-scheme=${globals.scheme ?? 'light'}
        style="${schemeStyle((globals.scheme ?? 'light') as Scheme)}; padding: 1rem; ${height} box-sizing: border-box; font-family: system-ui, sans-serif;"
      >
        <div style=${width ? `width: ${width}px; max-width: 100%;` : ''}>${story()}</div>
      </div>`;
    },
  ],
  parameters: {
    layout: 'fullscreen',
    controls: { expanded: true, sort: 'none' },
    backgrounds: { disable: true },
    viewport: { options: VIEWPORTS },
    docs: {
      extractComponentDescription: (component: string) => componentDescription(component),
      story: { inline: true },
    },
    a11y: { test: 'error' },
  },
};

export default preview;

import type { Meta, StoryObj } from '@storybook/web-components-vite';
import '../../src/twofa-step-confirm/twofa-step-confirm.js';
import { argTypesFor, prose, renderElement } from '../support/elements.js';
import { renderFlow } from '../support/flows.js';
import { ERRORS } from '../support/samples.js';

/**
 * Theming as a page does it: `--twofa-*` custom properties (here as args, so the controls edit them
 * live) and `::part()` rules for what they do not cover.
 */
const meta: Meta = {
  title: 'Wizard/Theming (twofa-enroll)',
  component: 'twofa-enroll',
  argTypes: argTypesFor('twofa-enroll'),
  render: (args, { parameters }) => renderFlow(args, parameters),
};
export default meta;
type Story = StoryObj;

export const CustomProperties: Story = {
  name: 'Custom properties',
  args: {
    '--twofa-accent': '#0b7a53',
    '--twofa-on-accent': '#ffffff',
    '--twofa-radius': '0',
    '--twofa-font': 'Georgia, serif',
    '--twofa-spacing': '1.25rem',
    '--twofa-max-width': '34rem',
    '--twofa-padding': '1.5rem',
    '--twofa-surface': '#fbfaf7',
    '--twofa-text': '#1f2a24',
    '--twofa-muted': '#4a5550',
  },
  parameters: prose(
    "A green, square-cornered, serif wizard on a warm background: only custom properties, set on `<twofa-enroll>`. Edit them in the Controls panel. A theme that sets the background sets the text colours too, or the dark scheme's light text would land on it.",
  ),
};

const PART_STYLES = `
  .branded { --twofa-accent: #0b7a53; }
  /* A dark value for the dark scheme (the page's own media query; Storybook's "Dark" sets data-scheme). */
  @media (prefers-color-scheme: dark) { .branded { --twofa-accent: #7bd8a8; --twofa-on-accent: #06291b; } }
  [data-scheme='dark'] .branded { --twofa-accent: #7bd8a8; --twofa-on-accent: #06291b; }
  [data-scheme='light'] .branded { --twofa-accent: #0b7a53; --twofa-on-accent: #ffffff; }
  .branded::part(heading) { letter-spacing: -0.01em; text-decoration: underline 3px #0b7a53; text-underline-offset: 0.35em; }
  .branded::part(primary) { text-transform: uppercase; letter-spacing: 0.05em; }
  .branded::part(manual) { border-inline-start: 4px solid #0b7a53; padding-inline-start: 0.75rem; }
`;

export const Parts: Story = {
  name: 'Parts (::part)',
  render: (args, { parameters }) => {
    const style = document.createElement('style');
    style.textContent = PART_STYLES;
    const root = renderFlow(args, parameters);
    root.querySelector('twofa-enroll')!.classList.add('branded');
    root.prepend(style);
    return root;
  },
  parameters: prose(
    "What custom properties do not cover, parts do: `twofa-enroll::part(heading)`, `::part(primary)` and `::part(manual)` restyle every step from the page, through the wizard alone (it exports every step's parts), with a green accent that has a lighter value for the dark scheme. Click through: each step's heading and main button follow. Each element lists its parts in its docs page.",
  ),
};

export const AllLanguages: Story = {
  name: 'All languages side by side',
  render: () => {
    const root = document.createElement('div');
    root.style.cssText = 'display: grid; grid-template-columns: repeat(auto-fit, minmax(18rem, 1fr)); gap: 2rem;';
    for (const lang of ['en', 'nb', 'sv']) {
      const column = document.createElement('div');
      column.lang = lang;
      column.append(renderElement('twofa-step-confirm', { error: ERRORS.invalidCode, failures: 2, 'can-go-back': true }));
      root.append(column);
    }
    return root;
  },
  parameters: prose(
    'English, norsk bokmål and svenska next to each other (each column has its own `lang`): for comparing lengths and wording. The toolbar switches every other story.',
  ),
};

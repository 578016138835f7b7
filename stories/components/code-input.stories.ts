import type { Meta, StoryObj } from '@storybook/web-components-vite';
import '../../src/twofa-code-input/twofa-code-input.js';
import { argTypesFor, prose, renderElement } from '../support/elements.js';

const TAG = 'twofa-code-input';

const meta: Meta = {
  title: 'Components/Code input (twofa-code-input)',
  component: TAG,
  argTypes: argTypesFor(TAG),
  render: (args) => renderElement(TAG, args),
};
export default meta;
type Story = StoryObj;

export const Default: Story = {
  parameters: prose('One field for a one-time code: typing, pasting ("123 456", "123-456") and autofill; `twofa-code-complete` once all digits are in.'),
};

export const WithError: Story = {
  args: { error: "That code didn't work. Check the code and try again." },
  parameters: prose('A message from outside (`error`): shown under the field, which becomes invalid.'),
};

export const Disabled: Story = {
  args: { disabled: true, value: '123456' },
  parameters: prose('Disabled, e.g. during a rate-limit countdown.'),
};

export const EightDigits: Story = {
  args: { digits: 8, label: 'Code from the app' },
  parameters: prose("Eight digits and a label of the page's own."),
};

export const Themed: Story = {
  args: { '--twofa-code-input-font-size': '2.25rem', '--twofa-code-input-width': '14rem', '--twofa-radius': '0', '--twofa-accent': '#0b7a53' },
  parameters: prose('Themed through custom properties: larger digits, a fixed width, square corners, a green focus ring.'),
};

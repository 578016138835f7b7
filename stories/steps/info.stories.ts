import type { Meta, StoryObj } from '@storybook/web-components-vite';
import '../../src/twofa-step-info/twofa-step-info.js';
import { argTypesFor, NARROW, prose, renderElement } from '../support/elements.js';

const TAG = 'twofa-step-info';

const meta: Meta = {
  title: 'Steps/Info (twofa-step-info)',
  component: TAG,
  argTypes: argTypesFor(TAG),
  render: (args) => renderElement(TAG, args),
};
export default meta;
type Story = StoryObj;

export const Default: Story = {
  parameters: prose('The first step: what two-factor authentication is and what the user needs. Start fires `twofa-next`.'),
};

export const Busy: Story = {
  args: { busy: true },
  parameters: prose('While the wizard works on the step, Start is disabled.'),
};

export const Reset: Story = {
  args: { mode: 'reset' },
  parameters: prose('Reset mode (`mode="reset"`): replacing a lost authenticator, with a warning that the old codes stop working.'),
};

export const Narrow: Story = {
  ...NARROW,
  parameters: { ...prose('At 320 CSS pixels.'), twofa: { width: 320 } },
};

import type { Meta, StoryObj } from '@storybook/web-components-vite';
import '../../src/twofa-copy-button/twofa-copy-button.js';
import { argTypesFor, prose, renderElement } from '../support/elements.js';

const TAG = 'twofa-copy-button';

const meta: Meta = {
  title: 'Components/Copy button (twofa-copy-button)',
  component: TAG,
  argTypes: argTypesFor(TAG),
  args: { value: 'JBSW Y3DP EHPK 3PXP' },
  render: (args) => renderElement(TAG, args),
};
export default meta;
type Story = StoryObj;

export const Default: Story = {
  parameters: prose('Copies `value`, says "Copied" for two seconds and announces it. Where the clipboard is blocked, the text is shown selected instead.'),
};

export const CustomLabels: Story = {
  args: { label: 'Copy key', 'copied-label': 'Key copied' },
  parameters: prose('Specific labels, for pages with several copy buttons.'),
};

import type { Meta, StoryObj } from '@storybook/web-components-vite';
import '../../src/steps/twofa-step-emergency.js';
import { argTypesFor, NARROW, prose, renderElement } from '../support/elements.js';
import { ACCOUNT, ERRORS, ISSUER, ONE_CODE, TEN_CODES } from '../support/samples.js';

const TAG = 'twofa-step-emergency';

const meta: Meta = {
  title: 'Steps/Emergency codes (twofa-step-emergency)',
  component: TAG,
  argTypes: argTypesFor(TAG),
  args: { issuer: ISSUER, account: ACCOUNT, codes: ONE_CODE },
  render: (args) => renderElement(TAG, args),
};
export default meta;
type Story = StoryObj;

export const OneCode: Story = {
  parameters: prose('One emergency code, to copy, download or print. Continue is enabled once the user ticks that it is stored.'),
};

export const TenCodes: Story = {
  args: { codes: TEN_CODES },
  parameters: prose('Ten recovery codes: the wording is plural and the codes form a grid.'),
};

export const Loading: Story = {
  args: { codes: [], busy: true },
  parameters: prose('While the codes are being fetched: nothing to tick yet.'),
};

export const NetworkError: Story = {
  args: { codes: [], error: ERRORS.network },
  parameters: prose('Fetching the codes failed (`network`). In the wizard, a "Try again" notice takes over.'),
};

export const Narrow: Story = {
  ...NARROW,
  args: { codes: TEN_CODES },
  parameters: { ...prose('Ten codes at 320 CSS pixels: one column.'), twofa: { width: 320 } },
};

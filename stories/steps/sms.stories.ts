import type { Meta, StoryObj } from '@storybook/web-components-vite';
import '../../src/twofa-step-sms/twofa-step-sms.js';
import { argTypesFor, NARROW, prose, renderElement } from '../support/elements.js';
import { ERRORS } from '../support/samples.js';

const TAG = 'twofa-step-sms';

const meta: Meta = {
  title: 'Steps/SMS phone (twofa-step-sms)',
  component: TAG,
  argTypes: argTypesFor(TAG),
  args: { policy: 'optional' },
  render: (args) => renderElement(TAG, args),
};
export default meta;
type Story = StoryObj;

export const Optional: Story = {
  parameters: prose('An optional SMS backup (`policy="optional"`): "Skip for now" fires `twofa-skip`. The country picker starts on the language\'s country.'),
};

export const Required: Story = {
  args: { policy: 'required' },
  parameters: prose('A required backup (`policy="required"`): no Skip.'),
};

export const Busy: Story = {
  args: { busy: true, phone: '+4791234567' },
  parameters: prose('The code is being sent: "Sending…".'),
};

export const InvalidPhone: Story = {
  args: { error: ERRORS.invalidPhone, phone: '+4712345' },
  parameters: prose('The server refused the number (`invalid_phone`).'),
};

export const RateLimited: Story = {
  args: { error: ERRORS.rateLimited, phone: '+4791234567' },
  parameters: prose('Too many text messages for now (`rate_limited`).'),
};

export const NetworkError: Story = {
  args: { error: ERRORS.network, phone: '+4791234567' },
  parameters: prose('The server could not be reached (`network`).'),
};

export const ChangingNumber: Story = {
  args: { phone: '+46701234567' },
  parameters: prose('Back from the code step to change the number: the picker and the field are filled from `phone` (E.164).'),
};

export const Narrow: Story = {
  ...NARROW,
  parameters: { ...prose('At 320 CSS pixels: picker and field stack.'), twofa: { width: 320 } },
};

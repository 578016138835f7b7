import type { Meta, StoryObj } from '@storybook/web-components-vite';
import '../../src/twofa-step-emergency/twofa-step-emergency.js';
import { argTypesFor, NARROW, prose, renderElement } from '../support/elements.js';
import { inShadow, typeInto, withRandom } from '../support/play.js';
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

/**
 * Presses Continue with the codes shown, which hides them and asks for one at random: fixed here to
 * the third (the first with one code), so every run of the story asks for the same.
 */
async function askForOne(canvasElement: HTMLElement): Promise<void> {
  const proceed = await inShadow(canvasElement, TAG, 'button.primary');
  await withRandom(0.25, async () => {
    proceed.click();
    await inShadow(canvasElement, TAG, 'input#type-back');
  });
}

export const TypeBackShown: Story = {
  args: { codes: TEN_CODES, proof: 'type-back' },
  parameters: prose(
    '`proof="type-back"`: no checkbox. Continue hides the codes and asks for one of them, picked at random, so the user must have saved them all.',
  ),
};

export const TypeBackAsking: Story = {
  args: { codes: TEN_CODES, proof: 'type-back' },
  parameters: prose(
    'After Continue: the codes are hidden and one is asked for by its number. Case, spaces and dashes do not matter; "Show the codes again" goes back to the list.',
  ),
  play: async ({ canvasElement }) => askForOne(canvasElement),
};

export const TypeBackWrongCode: Story = {
  args: { codes: TEN_CODES, proof: 'type-back' },
  parameters: prose('A code that is not the one asked for: the field keeps it, and the message points to the saved codes or to showing them again.'),
  play: async ({ canvasElement }) => {
    await askForOne(canvasElement);
    typeInto(await inShadow<HTMLInputElement>(canvasElement, TAG, 'input#type-back'), 'H2WE-QJ5M-8DLX');
    (await inShadow(canvasElement, TAG, 'button[type="submit"]')).click();
  },
};

export const TypeBackOneCode: Story = {
  args: { proof: 'type-back' },
  parameters: prose('Type-back with one emergency code: it is asked for as "your emergency code".'),
  play: async ({ canvasElement }) => askForOne(canvasElement),
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

export const NarrowTypeBack: Story = {
  ...NARROW,
  args: { codes: TEN_CODES, proof: 'type-back' },
  parameters: { ...prose('Typing a code back at 320 CSS pixels.'), twofa: { width: 320 } },
  play: async ({ canvasElement }) => askForOne(canvasElement),
};

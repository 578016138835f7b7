// Lint: the recommended rules of ESLint, typescript-eslint, and the Lit and web-component plugins
// (templates, accessibility of templates, custom-element habits); Prettier owns the formatting.
import js from '@eslint/js';
import prettier from 'eslint-config-prettier';
import lit from 'eslint-plugin-lit';
import litA11y from 'eslint-plugin-lit-a11y';
import wc from 'eslint-plugin-wc';
import globals from 'globals';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['dist/', 'storybook-static/', '.bench/', 'src/generated/', 'custom-elements.json', 'node_modules/'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.browser, ...globals.node } },
    rules: {
      // `_` marks an argument or a binding kept for its position.
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none' }],
    },
  },
  {
    files: ['src/**/*.ts', 'stories/**/*.ts', 'test/**/*.ts', 'examples/**/*.ts'],
    ...lit.configs['flat/recommended'],
  },
  { files: ['src/**/*.ts', 'stories/**/*.ts', 'test/**/*.ts', 'examples/**/*.ts'], ...litA11y.configs.recommended },
  { files: ['src/**/*.ts', 'examples/**/*.ts'], ...wc.configs['flat/recommended'] },
  {
    files: ['test/**/*.ts', 'test/**/*.js'],
    // Chai's property assertions (`expect(x).to.be.true`) are expressions by design.
    rules: { '@typescript-eslint/no-unused-expressions': 'off' },
  },
  {
    files: ['src/**/*.ts'],
    rules: {
      // The kit's strings go through its own runtime (src/localization.ts): the page's runtime is the page's.
      'no-restricted-imports': [
        'error',
        {
          paths: [
            {
              name: '@lit/localize',
              importNames: ['msg', 'localized', 'configureLocalization', 'updateWhenLocaleChanges', 'LocalizeController'],
              message: "The kit never uses the page's @lit/localize runtime: use this.msg (an element's) and str from src/localization.ts.",
            },
          ],
        },
      ],
    },
  },
  prettier,
);

import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import i18next from 'eslint-plugin-i18next';

export default tseslint.config(
  {
    ignores: [
      '**/node_modules/**',
      '**/dist/**',
      'data/**',
      '.tmp/**',
      'test-results/**',
      'playwright-report/**',
      '**/*.js',
      '**/*.mjs',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['**/*.ts', '**/*.tsx'],
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': [
        'error',
        { checksVoidReturn: { attributes: false } },
      ],
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_' },
      ],
      '@typescript-eslint/consistent-type-imports': 'error',
    },
  },
  // Every user-visible word of the SPA comes from a catalogue (apps/web/src/i18n/locales):
  // JSX text and the attributes people read or hear may not be string literals.
  {
    files: ['apps/web/src/**/*.tsx'],
    plugins: { i18next },
    rules: {
      'i18next/no-literal-string': [
        'error',
        {
          mode: 'jsx-only',
          'jsx-attributes': {
            include: [
              'label',
              'description',
              'placeholder',
              'title',
              'alt',
              'aria-label',
              'aria-description',
              'aria-valuetext',
              'error',
              'message',
            ],
          },
          // Glyphs and separators, not words: "·", "—", "…", "(", ")", ", ", "+".
          words: { exclude: ['^[\\s·—…()\\[\\],:;+/\\-]*$'] },
        },
      ],
    },
  },
  {
    files: ['apps/server/src/**/*.ts'],
    rules: {
      // request.ip believes X-Forwarded-For per the trust rule and may hold any text:
      // http/client-address.ts clientAddress() validates it.
      'no-restricted-properties': [
        'error',
        { object: 'request', property: 'ip', message: 'Use clientAddress(request).' },
        { object: 'req', property: 'ip', message: 'Use clientAddress(request).' },
      ],
    },
  },
  // Webhook intake stores and dispatches; what follows an event is registered by the module
  // that owns it (webhooks.intake.ts, docs/CONVENTIONS.md "Work across processes"). Tests and
  // the test kit may wire the real modules in.
  {
    files: ['apps/server/src/modules/webhooks/**/*.ts'],
    ignores: ['**/*.test.ts', '**/webhooks.testkit.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['**/conversations/*', '**/contacts/*'],
              message:
                'The webhooks module does not import conversations or contacts: they register an intake handler (webhooks.intake.ts).',
            },
          ],
        },
      ],
    },
  },
);

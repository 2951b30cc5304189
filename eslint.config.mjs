// Lint of review-bot's own code: typescript-eslint strict, type-checked.
import eslint from '@eslint/js';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['dist/**', 'fixtures/**', 'node_modules/**', '.corpora/**', 'coverage/**', '**/*.mjs', '**/*.cjs'] },
  eslint.configs.recommended,
  ...tseslint.configs.strictTypeChecked,
  {
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      '@typescript-eslint/restrict-template-expressions': ['error', { allowNumber: true }],
      '@typescript-eslint/consistent-type-imports': 'error',
      '@typescript-eslint/no-non-null-assertion': 'error',
      // ts-morph hands out wrapper objects made by its own factory, never by `new`;
      // this rule would flag every node we pass on.
      '@typescript-eslint/no-unsafe-class-instance-assignment': 'off',
    },
  },
  {
    // The built engine is compiled by our compile cache, whose code cannot run `import()` on Node 20
    // (src/shell/import-module.ts): a dynamic import that leaves the bundle fails there, and only there.
    files: ['src/**/*.ts', 'rules/**/*.ts'],
    rules: {
      'no-restricted-syntax': [
        'error',
        {
          selector:
            'ImportExpression[source.type="Literal"]:not([source.value=/^\\./]):not(CallExpression[callee.name="importModule"] > ArrowFunctionExpression > ImportExpression)',
          message:
            'The built engine cannot run import() of what it does not bundle: import a Node module statically, or a package through importModule (src/shell/import-module.ts).',
        },
      ],
    },
  },
  {
    // Rules are pure: no file system, process, network, clock or console.
    files: ['rules/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              regex: '^(node:)?(fs|fs/promises|child_process|http|https|net|os|process|worker_threads)$',
              message: 'Rules are pure: no I/O.',
            },
          ],
        },
      ],
      'no-restricted-globals': ['error', 'process', 'console', 'fetch', 'Date', 'setTimeout', 'setInterval'],
      'no-restricted-properties': ['error', { object: 'Math', property: 'random' }],
    },
  },
);

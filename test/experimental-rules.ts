/**
 * A `.review-bot.json` that turns on the rules made experimental after the
 * fresh-code measurement (docs/precision.md), at their default severities:
 * the workspaces of the end-to-end tests exercise findings of those rules,
 * as a team that opts into them would.
 */
export const EXPERIMENTAL_RULES_CONFIG = JSON.stringify({
  rules: {
    'unused-member': 'warning',
    'missing-tests': 'info',
    'error-without-message': 'warning',
    'complex-function': 'warning',
    'missing-docstring': 'info',
    'incomplete-docstring': 'info',
    'missing-type-hint': 'warning',
    'inconsistent-indentation': 'info',
    'inconsistent-naming': 'info',
    'inconsistent-signature': 'info',
    'inconsistent-error-types': 'warning',
  },
});

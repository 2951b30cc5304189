/**
 * The one link to a rule's page, used by SARIF `helpUri` and by review comments. Which pages: the
 * `docs-url` setting when given (a URL with `{id}`), else, inside the Action, the rule pages of the
 * Action's own repository at the ref the workflow uses (`GITHUB_ACTION_REPOSITORY` and
 * `GITHUB_ACTION_REF`), else the rule pages of review-bot's repository on GitHub.
 */

/** review-bot's rule pages on GitHub. */
const DEFAULT_DOCS_URL = 'https://github.com/your-org/review-bot/blob/main/rules/{id}.md';

/** The link to the page of rule `id`, from a template holding `{id}`. */
export function docsUrl(id: string, template: string = DEFAULT_DOCS_URL): string {
  return template.replaceAll('{id}', encodeURIComponent(id));
}

/** The template of the rule pages: the setting, else the running Action's repository and ref, else the default. */
export function docsUrlTemplate(
  setting: string | undefined,
  env: Readonly<Record<string, string | undefined>>,
): string {
  if (setting !== undefined) return setting;
  const repository = env['GITHUB_ACTION_REPOSITORY'] ?? '';
  const ref = env['GITHUB_ACTION_REF'] ?? '';
  if (!/^[\w.-]+\/[\w.-]+$/.test(repository) || !/^[\w./-]+$/.test(ref)) return DEFAULT_DOCS_URL;
  const server = (env['GITHUB_SERVER_URL'] ?? 'https://github.com').replace(/\/+$/, '');
  return `${server}/${repository}/blob/${ref}/rules/{id}.md`;
}

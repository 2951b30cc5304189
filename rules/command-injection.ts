import { Node, SyntaxKind } from 'ts-morph';
import { skipOuterExpressions } from './_shared/ast/skip-outer-expressions.js';
import { symbolPathOf } from './_shared/names.js';
import type { CallExpression, SourceFile } from 'ts-morph';
import { defineRule, NO_OPTIONS } from '../src/model/rule.js';
import type { FindingDraft } from '../src/model/rule.js';
import type { ProjectView } from '../src/model/project-view.js';
import { describeCallee, describeNode, getOriginEvidence, getNonLiteralPart } from './_shared/security/data.js';
import { getCalledExport, getModuleBindings } from './_shared/security/modules.js';
import { isSanitizerCall } from './_shared/security/sanitizers.js';

type MessageId = 'shellCommand' | 'shellSpawn' | 'shellProgram';

/** `child_process` functions that always run their first argument through a shell. */
const SHELL_FUNCTIONS = new Set(['exec', 'execSync']);
/** `child_process` functions that run a shell only with `shell: true`. */
const SPAWN_FUNCTIONS = new Set(['spawn', 'spawnSync', 'execFile', 'execFileSync']);

export default defineRule({
  meta: {
    id: 'command-injection',
    description: 'Disallow running shell commands built from non-literal data',
    category: 'security',
    defaultSeverity: 'error',
    stability: 'stable',
    scope: 'file',
    needsTypeChecker: true,
    skipFiles: ['test'],
    title: 'Command injection',
    rationale:
      'A shell parses its whole command line, so data spliced into it can add commands of its own (`; rm -rf ~`); an argument array reaches the program as-is.',
    messages: {
      shellCommand: {
        message: '`{{sink}}` runs a shell command built from `{{data}}` (line {{line}}).',
        recommendation:
          'Run the program with `execFile` or `spawn` and pass `{{data}}` in the argument array, without a shell.',
      },
      shellSpawn: {
        message: '`{{sink}}` with the `shell` option runs a command built from `{{data}}` (line {{line}}).',
        recommendation: 'Drop the `shell` option and pass `{{data}}` as its own element of the argument array.',
      },
      shellProgram: {
        message: '`{{sink}}` starts a shell whose script is built from `{{data}}` (line {{line}}).',
        recommendation:
          'Run the program itself instead of a shell, and pass `{{data}}` as its own element of the argument array.',
      },
    },
    options: NO_OPTIONS,
  },
  *check({ files, project }) {
    for (const file of files) yield* checkFile(project, file);
  },
});

/** Findings of one file. */
function* checkFile(project: ProjectView, file: SourceFile): Generator<FindingDraft<MessageId>> {
  const bindings = getModuleBindings(project, file, ['child_process']);
  if (bindings.named.size === 0 && bindings.whole.size === 0 && !file.getText().includes('child_process')) return;
  for (const call of file.getDescendantsOfKind(SyntaxKind.CallExpression)) {
    const sink = getCalledExport(call, bindings);
    if (sink === undefined) continue;
    const draft = SHELL_FUNCTIONS.has(sink)
      ? checkShellCall(call, sink)
      : SPAWN_FUNCTIONS.has(sink)
        ? checkSpawnCall(call, sink)
        : undefined;
    if (draft !== undefined) yield draft;
  }
}

/** `exec(command)`: a finding when the command is built from non-literal data. */
function checkShellCall(call: CallExpression, sink: string): FindingDraft<MessageId> | undefined {
  const [command] = call.getArguments();
  if (command === undefined) return undefined;
  const data = getNonLiteralPart(command, { isSanitizer: isSanitizerCall });
  if (data === undefined) return undefined;
  return draftOf(call, 'shellCommand', sink, data);
}

/** `spawn(command, args, { shell: true })`: a finding when the command or an argument is non-literal. */
function checkSpawnCall(call: CallExpression, sink: string): FindingDraft<MessageId> | undefined {
  const [command, second, third] = call.getArguments();
  if (command === undefined) return undefined;
  const options = second !== undefined && Node.isObjectLiteralExpression(skipOuterExpressions(second)) ? second : third;
  if (second !== undefined && options !== second && isExplicitShell(command)) {
    const script = getShellScriptArgument(second);
    const data = script === undefined ? undefined : getNonLiteralPart(script, { isSanitizer: isSanitizerCall });
    return data === undefined ? undefined : draftOf(call, 'shellProgram', sink, data);
  }
  if (options === undefined || !enablesShell(options)) return undefined;
  const args = options === second ? undefined : second;
  const data =
    getNonLiteralPart(command, { isSanitizer: isSanitizerCall }) ??
    (args === undefined ? undefined : getNonLiteralPart(args, { isSanitizer: isSanitizerCall }));
  if (data === undefined) return undefined;
  return draftOf(call, 'shellSpawn', sink, data);
}

/** True when an options object literal sets `shell` to `true` or to a shell's path. */
function enablesShell(options: Node): boolean {
  const object = skipOuterExpressions(options);
  if (!Node.isObjectLiteralExpression(object)) return false;
  const property = object.getProperty('shell');
  if (property === undefined || !Node.isPropertyAssignment(property)) return false;
  const value = skipOuterExpressions(property.getInitializerOrThrow());
  return (
    value.getKind() === SyntaxKind.TrueKeyword || (Node.isStringLiteral(value) && value.getLiteralText().length > 0)
  );
}

/** The finding for a call and the data it is built from. */
function draftOf(call: CallExpression, messageId: MessageId, exported: string, data: Node): FindingDraft<MessageId> {
  const description = describeNode(data);
  const sink = describeCallee(call.getExpression(), exported);
  return {
    node: call,
    messageId,
    symbol: { path: symbolPathOf(call), qualifier: `${sink}:${description}` },
    data: { sink, data: description, line: data.getStartLineNumber() },
    evidence: getOriginEvidence(data),
  };
}

/** Programs that run their `-c` argument as a shell script. */
const SHELL_PROGRAM =
  /^(?:\/(?:usr\/)?bin\/)?(?:sh|bash|zsh|dash|ksh|fish)$|^(?:cmd|cmd\.exe|powershell|powershell\.exe|pwsh)$/i;

/** True when the command is a literal shell program (`sh`, `/bin/bash`, `cmd.exe`, `powershell`). */
function isExplicitShell(command: Node): boolean {
  const node = skipOuterExpressions(command);
  return (
    (Node.isStringLiteral(node) || Node.isNoSubstitutionTemplateLiteral(node)) &&
    SHELL_PROGRAM.test(node.getLiteralText())
  );
}

/** The element after `-c`, `/c` or `-Command` in a literal argument array: the script the shell runs. */
function getShellScriptArgument(args: Node): Node | undefined {
  const array = skipOuterExpressions(args);
  if (!Node.isArrayLiteralExpression(array)) return undefined;
  const elements = array.getElements();
  const flag = elements.findIndex(
    (e) =>
      (Node.isStringLiteral(e) || Node.isNoSubstitutionTemplateLiteral(e)) &&
      /^(?:-c|\/c|-command)$/i.test(e.getLiteralText()),
  );
  return flag < 0 ? undefined : elements[flag + 1];
}

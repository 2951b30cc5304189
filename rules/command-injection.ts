import { Node, SyntaxKind } from 'ts-morph';
import { skipOuterExpressions } from './_shared/ast/skip-outer-expressions.js';
import { symbolPathOf } from './_shared/names.js';
import type { CallExpression, SourceFile } from 'ts-morph';
import { defineRule, NO_OPTIONS } from '../src/model/rule.js';
import type { FindingDraft } from '../src/model/rule.js';
import type { ProjectView } from '../src/model/project-view.js';
import {
  describeCallee,
  describeNode,
  getOriginEvidence,
  getNonLiteralPart,
  passedParameterOf,
} from './_shared/security/data.js';
import type { DataOptions, PassedParameter } from './_shared/security/data.js';
import { callSitesInOwnFile } from './_shared/security/call-sites.js';
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
    const shell = SHELL_FUNCTIONS.has(sink)
      ? checkShellCall(project, call)
      : SPAWN_FUNCTIONS.has(sink)
        ? checkSpawnCall(project, call)
        : undefined;
    if (shell === undefined) continue;
    const runner = runnerParametersOf(project, shell.parts);
    if (runner === undefined)
      yield draftOf(project, call, shell.messageId, describeCallee(call.getExpression(), sink), shell.data);
    else yield* runnerCallFindings(project, call, shell.messageId, runner, 'the shell', 0);
  }
}

/** What reaches the shell at a call: the parts of its command line that are not literal, the first one's data. */
interface ShellInput {
  messageId: MessageId;
  /** The arguments the shell reads that are not literal: of the command, the script after `-c`, the argument array. */
  parts: Node[];
  data: Node;
}

/**
 * The non-literal ones of `parts`, and the data the first is built from; undefined when all are literal. A path
 * Node's `path` makes of literal data and the program's own location (`path.join(__dirname, 'bin', 'kill.exe')`) is
 * literal: it holds nothing but its arguments.
 */
function nonLiteralParts(view: ProjectView, parts: readonly Node[]): { parts: Node[]; data: Node } | undefined {
  let data: Node | undefined;
  const found: Node[] = [];
  const options: DataOptions = { isSanitizer: isSanitizerCall, passesThrough: (call) => isPathCall(view, call), view };
  for (const part of parts) {
    const partData = getNonLiteralPart(part, options);
    if (partData === undefined) continue;
    data ??= partData;
    found.push(part);
  }
  return data === undefined ? undefined : { parts: found, data };
}

/** True for a call of a function of Node's `path` that builds a path of its arguments (`join`, `resolve`, …). */
function isPathCall(view: ProjectView, call: CallExpression): boolean {
  const exported = getCalledExport(call, getModuleBindings(view, call.getSourceFile(), ['path']));
  return exported !== undefined && PATH_FUNCTIONS.has(exported);
}

/** `path` functions whose result is made of their arguments alone (and, for `resolve`, the working folder). */
const PATH_FUNCTIONS: ReadonlySet<string> = new Set(['join', 'resolve', 'normalize', 'dirname', 'basename']);

/** `exec(command)`: the command, when it is built from non-literal data. */
function checkShellCall(view: ProjectView, call: CallExpression): ShellInput | undefined {
  const [command] = call.getArguments();
  const found = command === undefined ? undefined : nonLiteralParts(view, [command]);
  return found === undefined ? undefined : { messageId: 'shellCommand', ...found };
}

/** `spawn(command, args, { shell: true })` or `spawn('sh', ['-c', script])`: what the shell reads, when not literal. */
function checkSpawnCall(view: ProjectView, call: CallExpression): ShellInput | undefined {
  const [command, second, third] = call.getArguments();
  if (command === undefined) return undefined;
  const options = second !== undefined && Node.isObjectLiteralExpression(skipOuterExpressions(second)) ? second : third;
  if (second !== undefined && options !== second && isExplicitShell(command)) {
    const script = getShellScriptArgument(second);
    const found = script === undefined ? undefined : nonLiteralParts(view, [script]);
    return found === undefined ? undefined : { messageId: 'shellProgram', ...found };
  }
  if (options === undefined || !enablesShell(options)) return undefined;
  const args = options === second ? undefined : second;
  const found = nonLiteralParts(view, args === undefined ? [command] : [command, args]);
  return found === undefined ? undefined : { messageId: 'shellSpawn', ...found };
}

/**
 * The parameters a function hands to the shell whole, when every non-literal part of the command line is one
 * (`function run(command) { return execSync(command); }`, a method `run(command) {…}`, or an array of words
 * joined, `spawn(command.join(' '), [], { shell: true })`); else undefined. Such a function runs the command its
 * caller writes, as `exec` itself does, so the call inside it is not reported: what a caller passes is (below).
 * CodeQL's query for shell commands built from a library's input draws the same line.
 */
function runnerParametersOf(view: ProjectView, parts: readonly Node[]): PassedParameter[] | undefined {
  const passed: PassedParameter[] = [];
  for (const part of parts) {
    const parameter = passedParameterOf(part, view);
    if (parameter === undefined || (passed[0] !== undefined && parameter.fn !== passed[0].fn)) return undefined;
    passed.push(parameter);
  }
  return passed.length === 0 ? undefined : passed;
}

/** How many command runners deep calls are followed (`deploy(ref)` calling `run(ref)` calling `exec`). */
const MAX_RUNNER_DEPTH = 3;

/**
 * The calls of a command runner in its file that pass it non-literal data, each reported as a shell command
 * built from that data, with the runner's own call as evidence; a call that passes a parameter of its own
 * function whole makes that function a runner too, and its calls are followed in turn.
 */
function* runnerCallFindings(
  view: ProjectView,
  sinkCall: Node,
  messageId: MessageId,
  runner: readonly PassedParameter[],
  handedTo: string,
  depth: number,
): Generator<FindingDraft<MessageId>> {
  const [first] = runner;
  if (first === undefined || depth >= MAX_RUNNER_DEPTH) return;
  for (const call of callSitesInOwnFile(view, first.fn)) {
    const args = call.getArguments();
    if (args.some((a) => Node.isSpreadElement(a))) continue;
    const found = nonLiteralParts(
      view,
      runner.map((p) => args[p.index]).filter((a): a is Node => a !== undefined),
    );
    if (found === undefined) continue;
    const callee = call.getExpression();
    // A method's calls are `this.name(…)` (`callSitesInOwnFile`).
    const sink = Node.isPropertyAccessExpression(callee) ? `this.${callee.getName()}` : describeCallee(callee, 'call');
    const outer = runnerParametersOf(view, found.parts);
    if (outer !== undefined) {
      // A runner that calls itself with its own parameter adds nothing; another runner's calls are judged in turn.
      if (outer[0]?.fn !== first.fn) yield* runnerCallFindings(view, call, messageId, outer, `\`${sink}\``, depth + 1);
      continue;
    }
    const draft = draftOf(view, call, messageId === 'shellProgram' ? 'shellProgram' : 'shellCommand', sink, found.data);
    const handed = runner.map((p) => `\`${p.name}\``).join(' and ');
    const how = runner.some((p) => p.joined) ? 'joined into one line' : 'whole';
    yield {
      ...draft,
      evidence: [
        { note: `\`${sink}\` hands its ${handed}, ${how}, to ${handedTo} here`, node: sinkCall },
        ...(draft.evidence ?? []),
      ],
    };
  }
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
function draftOf(
  view: ProjectView,
  call: CallExpression,
  messageId: MessageId,
  sink: string,
  data: Node,
): FindingDraft<MessageId> {
  const description = describeNode(data);
  return {
    node: call,
    messageId,
    symbol: { path: symbolPathOf(call), qualifier: `${sink}:${description}` },
    data: { sink, data: description, line: data.getStartLineNumber() },
    evidence: getOriginEvidence(data, view),
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

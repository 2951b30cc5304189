import { Node, SyntaxKind, ts } from 'ts-morph';
import { referenceNameOf } from './_shared/ast/reference-name.js';
import { skipOuterExpressions } from './_shared/ast/skip-outer-expressions.js';
import { literalTextOf } from './_shared/ast/literal-text.js';
import { isPlus, plusOperandsOf } from './_shared/ast/plus-chain.js';
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
  getLiteralTexts,
  getSingleAssignment,
  getVariableValues,
  joinOf,
  passedParameterOf,
} from './_shared/security/data.js';
import type { DataOptions, PassedParameter } from './_shared/security/data.js';
import { callSitesInOwnFile } from './_shared/security/call-sites.js';
import {
  calledExportScreen,
  getCalledExport,
  getModuleBindings,
  isWholeModule,
  relativeSpecifiersOf,
  wholeModuleScreen,
} from './_shared/security/modules.js';
import { descendantsWhere } from './_shared/ast/descendants.js';
import { exportedNameOf } from './_shared/security/exported-name.js';
import { isSanitizerCall } from './_shared/security/sanitizers.js';
import { splitWords } from './_shared/identifier-style.js';
import { ownDeclarationsOf } from './_shared/name-binding.js';

type MessageId = 'shellCommand' | 'shellSpawn' | 'shellPackageManager' | 'shellProgram' | 'shellPipeline';

/**
 * Modules that export `child_process`'s functions under the same names and run them the same way, returning
 * promises: child-process-promise and promisify-child-process (service-systemd's `exec(\`systemctl disable …\`)`).
 */
const CHILD_PROCESS_MODULES = ['child_process', 'child-process-promise', 'promisify-child-process'];

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
      shellPackageManager: {
        message: '`{{sink}}` with the `shell` option runs a command built from `{{data}}` (line {{line}}).',
        recommendation:
          'Windows has this program as a `.cmd` file, which Node starts only through a shell, so keep the option and throw unless `{{data}}` holds only letters, digits and `_-./:,+@` (a statement before the call such as `if (/[^\\w.\\/:,+@-]/.test({{data}})) throw …`).',
      },
      shellProgram: {
        message: '`{{sink}}` starts a shell whose script is built from `{{data}}` (line {{line}}).',
        recommendation:
          'Run the program itself instead of a shell, and pass `{{data}}` as its own element of the argument array.',
      },
      shellPipeline: {
        message:
          '`{{sink}}` runs a shell command built from `{{data}}` (line {{line}}), in a line that joins programs with `{{operator}}`.',
        recommendation:
          "An argument array runs one program: run each with `execFile` or `spawn`, passing `{{data}}` as its own element, and join them in Node (pipe one's `stdout` into the next's `stdin`, or start the next when the first ends); or keep the shell and throw unless `{{data}}` holds only letters, digits and `_-./:,+@`.",
      },
    },
    options: NO_OPTIONS,
  },
  *check({ files, project }) {
    for (const file of files) yield* checkFile(project, file);
  },
});

/** Findings of one file: at its own sinks, and at its calls of the command runners other modules of the package export. */
function* checkFile(project: ProjectView, file: SourceFile): Generator<FindingDraft<MessageId>> {
  for (const { call, name, shell } of sinksOf(project, file)) {
    const runner = runnerParametersOf(project, shell.parts);
    if (runner === undefined) {
      const operator = shell.messageId === 'shellPackageManager' ? undefined : programJoinOf(project, shell.parts);
      const sink = describeCallee(call.getExpression(), name);
      yield operator === undefined
        ? draftOf(project, call, shell.messageId, sink, shell)
        : draftOf(project, call, 'shellPipeline', sink, shell, { operator });
    } else
      yield* runnerCallFindings(
        project,
        { parameters: runner, sinkCall: call, messageId: shell.messageId, handedTo: 'the shell' },
        0,
      );
  }
  yield* importedRunnerFindings(project, file);
}

/**
 * execa's functions, by the name a call reaches them: v6's and later named exports, and v5's default export
 * (`execa(…)` itself) and its methods (`execa.sync`, `execa.command`). Each takes what `spawn` takes (a program and an
 * argument array, or `execaCommand`'s line, which it splits at spaces) and starts a shell only with the `shell`
 * option. `$` and `execaNode` are not among them: `$` quotes each value it is given, and `execaNode` runs a script.
 */
const EXECA_FUNCTIONS: ReadonlySet<string> = new Set([
  'execa',
  'execaSync',
  'execaCommand',
  'execaCommandSync',
  'sync',
  'command',
  'commandSync',
]);

/** A call of `child_process` or execa in a file that runs a shell, and what the shell reads that is not literal. */
interface Sink {
  call: CallExpression;
  /** The export called: `exec`, `spawn`, `execa`, … */
  name: string;
  shell: ShellInput;
}

/**
 * The file's calls of `child_process` that hand a shell non-literal data, found once per run: the file's own check
 * and, for a module that exports a runner, its importers' (`exportedRunnersOf`) read them.
 */
function sinksOf(project: ProjectView, file: SourceFile): readonly Sink[] {
  return project.memo(`command-injection:sinks:${file.getFilePath()}`, () => findSinks(project, file));
}

/** What `sinksOf` finds, looked for. */
function findSinks(project: ProjectView, file: SourceFile): Sink[] {
  const sinks = [...childProcessSinks(project, file), ...execaSinks(project, file)];
  return sinks.sort((a, b) => a.call.getStart() - b.call.getStart());
}

/** `findSinks` for execa's functions (`EXECA_FUNCTIONS`), judged as `spawn`'s calls are. */
function execaSinks(project: ProjectView, file: SourceFile): Sink[] {
  if (!file.getFullText().includes('execa')) return [];
  const bindings = getModuleBindings(project, file, ['execa']);
  const exported = calledExportScreen(bindings);
  const whole = wholeModuleScreen(bindings);
  const screen = (node: ts.Node): boolean => exported(node) || (ts.isCallExpression(node) && whole(node.expression));
  const sinks: Sink[] = [];
  for (const call of descendantsWhere(project, file, SyntaxKind.CallExpression, screen)) {
    if (!Node.isCallExpression(call)) continue;
    // v5's default export is the function itself: `execa(…)`, `require('execa')(…)`.
    const name = isWholeModule(call.getExpression(), bindings) ? 'execa' : getCalledExport(call, bindings);
    if (name === undefined || !EXECA_FUNCTIONS.has(name)) continue;
    const shell = checkSpawnCall(project, call);
    // A v5 method called on `require('execa')` itself is named as its documentation names it: `execa.command`.
    if (shell !== undefined) sinks.push({ call, name: name.startsWith('execa') ? name : `execa.${name}`, shell });
  }
  return sinks;
}

/** True for a file's text that names a module of `CHILD_PROCESS_MODULES`. */
function mayRunProcesses(text: string): boolean {
  return text.includes('child_process') || text.includes('child-process');
}

/** `findSinks` for `child_process`'s functions. */
function childProcessSinks(project: ProjectView, file: SourceFile): Sink[] {
  const bindings = getModuleBindings(project, file, CHILD_PROCESS_MODULES);
  if (bindings.named.size === 0 && bindings.whole.size === 0 && !mayRunProcesses(file.getText())) return [];
  const sinks: Sink[] = [];
  for (const call of descendantsWhere(project, file, SyntaxKind.CallExpression, calledExportScreen(bindings))) {
    if (!Node.isCallExpression(call)) continue;
    const name = getCalledExport(call, bindings);
    if (name === undefined) continue;
    const shell = SHELL_FUNCTIONS.has(name)
      ? checkShellCall(project, call)
      : SPAWN_FUNCTIONS.has(name)
        ? checkSpawnCall(project, call)
        : undefined;
    if (shell !== undefined) sinks.push({ call, name, shell });
  }
  return sinks;
}

/**
 * A command runner: the parameters of its function that reach the shell, the call that hands them on (the sink, or
 * a call of another runner), and what that call hands them to (`the shell`, `` `run` ``).
 */
interface Runner {
  parameters: readonly RunnerParameter[];
  sinkCall: Node;
  messageId: MessageId;
  handedTo: string;
}

/**
 * The calls in a file of a command runner another module of the package exports (`wincmd.elevate(…)` of
 * `const wincmd = require('./binaries')`, `run(…)` of `import { run } from './shell'`), judged as calls of a
 * runner in its own file are: the runner's module does not report its own parameter (`runnerParametersOf`), so the
 * caller that splices data into the command is where the finding is. Modules are followed one step: a runner
 * that calls another module's runner is not an exported runner in turn.
 */
function* importedRunnerFindings(view: ProjectView, file: SourceFile): Generator<FindingDraft<MessageId>> {
  const specifiers = relativeSpecifiersOf(view, file);
  const modules = specifiers.length === 0 ? undefined : runnerModulesOf(view);
  if (modules === undefined || modules.size === 0) return;
  for (const specifier of specifiers) {
    // Only a specifier that ends in a runner module's name (or its folder's, or none, for an index file) is resolved.
    const stem = /[^/]*$/.exec(specifier.text)?.[0].replace(/\.[cm]?[jt]sx?$/, '');
    const candidates = stem === undefined ? undefined : modules.get(stem);
    if (candidates === undefined) continue;
    const path = view.resolveModule(file.compilerNode, specifier);
    const target = candidates.find((candidate) => candidate.getFilePath() === path);
    if (target === undefined || target === file) continue;
    const runners = exportedRunnersOf(view, target);
    const bindings = getModuleBindings(view, file, [specifier.text]);
    if (bindings.named.size === 0 && bindings.whole.size === 0) continue;
    for (const call of descendantsWhere(view, file, SyntaxKind.CallExpression, calledExportScreen(bindings))) {
      if (!Node.isCallExpression(call)) continue;
      const name = getCalledExport(call, bindings);
      const exported = name === undefined ? undefined : runners.get(name);
      if (exported === undefined) continue;
      yield* runnerCallFinding(view, call, exported, 0);
    }
  }
}

/**
 * The analysed modules that export a command runner, by the name a specifier ends in to reach them: the file's name
 * without its extension (`binaries` for `binaries.js`); for an index file, also its folder's, and none (`'.'`,
 * `'..'`, `'./'`). Found once per run.
 */
function runnerModulesOf(view: ProjectView): ReadonlyMap<string, readonly SourceFile[]> {
  return view.memo('command-injection:runner-modules', () => {
    const byStem = new Map<string, SourceFile[]>();
    for (const file of view.filesWhoseText((text) => mayRunProcesses(text) || text.includes('execa'))) {
      if (exportedRunnersOf(view, file).size === 0) continue;
      const base = file.getBaseNameWithoutExtension();
      // `require('.')`, `require('..')` and `require('./')` end in no name: they may reach an index file.
      const folder = file.getFilePath().split('/').at(-2) ?? '';
      const stems = base === 'index' ? [base, folder, '', '.', '..'] : [base];
      for (const stem of stems) byStem.set(stem, [...(byStem.get(stem) ?? []), file]);
    }
    return byStem;
  });
}

/** The command runners a module exports, by exported name (`exportedNameOf`), found once per run. */
function exportedRunnersOf(view: ProjectView, file: SourceFile): ReadonlyMap<string, Runner> {
  return view.memo(`command-injection:exported-runners:${file.getFilePath()}`, () => {
    const found = new Map<string, Runner>();
    const visit = (runner: Runner, depth: number): void => {
      const [first] = runner.parameters;
      if (first === undefined || depth >= MAX_RUNNER_DEPTH) return;
      const name = exportedNameOf(first.fn.compilerNode);
      if (name !== undefined && !found.has(name)) found.set(name, runner);
      for (const call of callSitesInOwnFile(view, first.fn)) {
        const passed = passedAt(view, call, runner);
        if (passed?.kind === 'runner') visit(passed.runner, depth + 1);
      }
    };
    for (const { call, shell } of sinksOf(view, file)) {
      const parameters = runnerParametersOf(view, shell.parts);
      if (parameters !== undefined)
        visit({ parameters, sinkCall: call, messageId: shell.messageId, handedTo: 'the shell' }, 0);
    }
    return found;
  });
}

/** Non-literal data spliced into a command line, and the locals holding the line it was found in (`lineOf`). */
interface Spliced {
  data: Node;
  via: readonly Node[];
}

/** What reaches the shell at a call: the parts of its command line that are not literal, the first one's data. */
interface ShellInput extends Spliced {
  messageId: MessageId;
  /** The arguments the shell reads that are not literal: of the command, the script after `-c`, the argument array. */
  parts: Node[];
}

/**
 * The non-literal ones of `parts`, and the data the first is built from; undefined when all are literal. A path
 * Node's `path` makes of literal data and the program's own location (`path.join(__dirname, 'bin', 'kill.exe')`) is
 * literal: it holds nothing but its arguments. A part that names a local holding a line (`lineOf`) is judged by that
 * line, so the data named is what was spliced into it (`hash` of `var cmd = 'git show ' + hash; exec(cmd)`), which
 * is what an argument array takes, not the whole line. `programOf` says which value of a line is the program it
 * runs (`programAtStartOf`), which is not data: the rest of the line is judged. The data named is the first part's,
 * or `preferred`'s when it is not literal (spawn's argument array, before its program).
 */
function nonLiteralParts(
  view: ProjectView,
  parts: readonly Node[],
  programOf: (line: Node) => Node | undefined = () => undefined,
  preferred?: Node,
): (Spliced & { parts: Node[] }) | undefined {
  let named: Spliced | undefined;
  const found: Node[] = [];
  const shared = shellDataOptions(view);
  for (const part of parts) {
    const line = lineOf(view, part);
    const program = programOf(line.value);
    const options: DataOptions =
      program === undefined
        ? shared
        : {
            ...shared,
            isTrusted: (node) => node.compilerNode === program.compilerNode || shared.isTrusted?.(node) === true,
          };
    const data = getNonLiteralPart(line.value, options);
    if (data === undefined) continue;
    found.push(part);
    if (named !== undefined && part !== preferred) continue;
    named = namedDataOf(view, line, data, options);
  }
  return named === undefined ? undefined : { ...named, parts: found };
}

/**
 * What a finding names of the data found in a line: a later part than a first word that is the program
 * (`laterDataOf`), the element of an argument array held in a local (`elementDataOf`), or the data of a line a local
 * piece of it holds (`line + ' ' + file` with `const line = 'grep ' + pattern`: `pattern`); else the data itself.
 */
function namedDataOf(
  view: ProjectView,
  line: { value: Node; via: readonly Node[] },
  data: Node,
  options: DataOptions,
): Spliced {
  const element = elementDataOf(view, data, options);
  if (element !== undefined) return { data: element, via: [...line.via, data] };
  const inner = lineOf(view, data);
  const innerData = inner.via.length === 0 ? undefined : getNonLiteralPart(inner.value, options);
  if (innerData !== undefined) return { data: innerData, via: [...line.via, ...inner.via] };
  const appended = appendedDataOf(view, data, options);
  if (appended !== undefined) return { data: appended, via: [...line.via, data] };
  return { data: laterDataOf(view, line.value, options) ?? data, via: line.via };
}

/**
 * The array whose words a `words.join(' ')` (or any separator) splices, so that `exec`'s finding, which advises an
 * argument array, names what that array takes (`cp.exec(notifier + ' ' + options.join(' '))`: `options`, not the
 * joined text it would pass as one argument).
 */
function joinedWordsOf(view: ProjectView, data: Node): Node | undefined {
  const node = skipOuterExpressions(data);
  // Not `path.join(dir)`, Node's path of one part.
  return Node.isCallExpression(node) && pathFunctionOf(view, node) === undefined ? joinOf(node)?.array : undefined;
}

/**
 * The data inside an array literal a local declared once and never reassigned holds, when the data found is that
 * local (`var args = ['ADD', key, '/v', name]; spawn('reg', args, { shell: true })`: `key`), so the finding names the
 * value an argument array would take as its own element, not the whole array. Only naming: the local is judged as
 * before, since elements may be added to it after its declaration.
 */
function elementDataOf(view: ProjectView, data: Node, options: DataOptions): Node | undefined {
  const held = getSingleAssignment(skipOuterExpressions(data), view);
  const array = held === undefined ? undefined : skipOuterExpressions(held);
  return Node.isArrayLiteralExpression(array) ? getNonLiteralPart(array, options) : undefined;
}

/**
 * The first data appended to a local built up with `+=` (``let command = 'convert'; command += ` ${tiff}`;``: `tiff`),
 * so the finding names a value an argument array takes, not the local holding the whole line; a later one when the
 * first value is data too (the program); of a local (or implicit global) given whole lines more than once, the first
 * data any of them holds; undefined for any other value. Only naming: the local is judged as before.
 */
function appendedDataOf(view: ProjectView, data: Node, options: DataOptions): Node | undefined {
  const name = skipOuterExpressions(data);
  const built = Node.isIdentifier(name) ? getVariableValues(name, view) : undefined;
  if (built === undefined || (!built.appended && built.values.length < 2)) return undefined;
  // A value that reads the line so far (`cmd = cmd + ' ' + folder`) names what it adds, and a value named as a program
  // (`[options.binary, image, output]`) is what runs, not data an argument array takes.
  const own: DataOptions = {
    ...options,
    isTrusted: (node) =>
      (Node.isIdentifier(node) && node.getText() === name.getText()) ||
      isProgramNamed(view, node) ||
      options.isTrusted?.(node) === true,
  };
  const found = built.values.map((value) => getNonLiteralPart(value, own));
  // Lines given whole on different paths (`command = '… head -n ' + 10; if (n > 0) command = '… head -n ' + (n + 1)`):
  // the first that holds data.
  if (!built.appended) return found.find((d) => d !== undefined);
  // A first value that is data with more after it is the program the line runs (`this.options.commandPath ||
  // 'convert'`), as `laterDataOf` reads a line's first word.
  const [first, ...rest] = found;
  return (first !== undefined ? rest.find((d) => d !== undefined) : undefined) ?? found.find((d) => d !== undefined);
}

/**
 * The data a finding names in a line whose first word is non-literal when a later part is non-literal too
 * (`path.join(dir, script) + ' ' + program.environment`: `program.environment`): the first word is the program the
 * line runs, which an argument array cannot take, so the later data is what the advice can be about.
 */
function laterDataOf(view: ProjectView, line: Node, options: DataOptions): Node | undefined {
  const start = lineStartOf(line);
  if (start === undefined || getNonLiteralPart(start.first, options) === undefined) return undefined;
  // A first part that is a local holding a line of its own is a piece of the line, not its program.
  if (lineOf(view, start.first).via.length > 0) return undefined;
  for (const part of start.rest) {
    const data = getNonLiteralPart(part, options);
    if (data !== undefined) return data;
  }
  return undefined;
}

/** How many locals deep a command line is followed (`const line = base + ' ' + hash; const cmd = line + …`). */
const MAX_LINE_STEPS = 3;

/**
 * The command line a part holds: the part itself, or, for a local declared once and never reassigned whose value
 * is built of pieces (a `+` chain or a template with holes: `var cmd = 'git show ' + hash`), that value, followed
 * through such locals; `via` names the locals followed, for the finding's evidence. A local holding anything else (a
 * call's result, a parameter) is the data itself.
 */
function lineOf(view: ProjectView, part: Node): { value: Node; via: Node[] } {
  let value = part;
  const via: Node[] = [];
  for (let step = 0; step < MAX_LINE_STEPS; step++) {
    const name = skipOuterExpressions(value);
    const assigned = getSingleAssignment(name, view);
    const held = assigned === undefined ? undefined : skipOuterExpressions(assigned);
    if (held === undefined || !(isPlus(held) || Node.isTemplateExpression(held) || wordsOf(held) !== undefined)) break;
    via.push(name);
    value = held;
  }
  return { value, via };
}

/**
 * How the rule reads data: escaping helpers' results and paths `path` builds of literal data are literal, and the
 * caller's own command-line arguments (`isCallerArguments`) are not data.
 */
function shellDataOptions(view: ProjectView): DataOptions {
  return {
    isSanitizer: isSanitizerCall,
    isTrusted: (node) => isCallerArguments(view, node),
    passesThrough: (call) => isPathCall(view, call),
    view,
  };
}

/** Last words of a name that say it holds command-line arguments (`args`, `gitArgs`, `extraArguments`). */
const ARGUMENTS_WORDS: ReadonlySet<string> = new Set(['args', 'arguments']);

/**
 * The caller's own command-line text: a parameter, or a property of a parameter (an options object), named as the
 * command's arguments (`args`, `opt.args`, `extraArgs`), read whole. A function that splices it into its command
 * runs what its caller writes after the program, as a runner runs a command-named parameter: gulp-git documents
 * `opt.args` as the string of git options its caller writes (`args: '-m "initial commit"'`), quoting included, so a
 * finding at each of its commands would ask it to change its interface. A rest parameter, or the words of an array
 * joined into the line (`args.join(' ')`), are the caller's words, which the function must quote: still data.
 */
function isCallerArguments(view: ProjectView, node: Node): boolean {
  let name: string;
  let holder: Node;
  if (Node.isIdentifier(node)) {
    name = node.getText();
    holder = node;
  } else if (Node.isPropertyAccessExpression(node)) {
    name = node.getName();
    holder = skipOuterExpressions(node.getExpression());
  } else return false;
  if (!Node.isIdentifier(holder) || !ARGUMENTS_WORDS.has(splitWords(name).at(-1) ?? '')) return false;
  const declarations = ownDeclarationsOf(view, holder);
  const [parameter] = declarations;
  return (
    declarations.length === 1 &&
    Node.isParameterDeclaration(parameter) &&
    Node.isIdentifier(parameter.getNameNode()) &&
    !parameter.isRestParameter()
  );
}

/** The function of Node's `path` a call runs (`join` of `path.join(…)` or of a `join` taken from it), or undefined. */
function pathFunctionOf(view: ProjectView, call: CallExpression): string | undefined {
  return getCalledExport(call, getModuleBindings(view, call.getSourceFile(), ['path']));
}

/** True for a call of a function of Node's `path` that builds a path of its arguments (`join`, `resolve`, …). */
function isPathCall(view: ProjectView, call: CallExpression): boolean {
  const exported = pathFunctionOf(view, call);
  return exported !== undefined && PATH_FUNCTIONS.has(exported);
}

/** `path` functions whose last argument names what the path leads to (`path.join(dir, bin)`: a program). */
const PATH_TO_FUNCTIONS: ReadonlySet<string> = new Set(['join', 'resolve']);

/** `path` functions whose result is made of their arguments alone (and, for `resolve`, the working folder). */
const PATH_FUNCTIONS: ReadonlySet<string> = new Set(['join', 'resolve', 'normalize', 'dirname', 'basename']);

/** `exec(command)`: the command, when it is built from non-literal data. */
function checkShellCall(view: ProjectView, call: CallExpression): ShellInput | undefined {
  const [command] = call.getArguments();
  if (command === undefined) return undefined;
  const found = nonLiteralParts(view, [command], (line) => programAtStartOf(view, line));
  // The advice is to pass the data in an argument array: of words joined into the line, the words are that array.
  return found === undefined
    ? undefined
    : { messageId: 'shellCommand', ...found, data: joinedWordsOf(view, found.data) ?? found.data };
}

/** `spawn(command, args, { shell: true })` or `spawn('sh', ['-c', script])`: what the shell reads, when not literal. */
function checkSpawnCall(view: ProjectView, call: CallExpression): ShellInput | undefined {
  const [command, second, third] = call.getArguments();
  if (command === undefined) return undefined;
  const options = second !== undefined && Node.isObjectLiteralExpression(skipOuterExpressions(second)) ? second : third;
  if (second !== undefined && options !== second && isExplicitShell(view, command)) {
    const script = getShellScriptArgument(second);
    const found = script === undefined ? undefined : nonLiteralParts(view, [script]);
    return found === undefined ? undefined : { messageId: 'shellProgram', ...found };
  }
  if (options === undefined || !enablesShell(options)) return undefined;
  const args = options === second ? undefined : second;
  // The program spawn starts is its first argument, or a line's first word; the argument array's data is named first.
  const programOf = (line: Node): Node | undefined =>
    line === command ? (isProgramNamed(view, command) ? command : programAtStartOf(view, command)) : undefined;
  const found = nonLiteralParts(view, args === undefined ? [command] : [command, args], programOf, args);
  if (found === undefined) return undefined;
  return { messageId: isPackageManager(command) ? 'shellPackageManager' : 'shellSpawn', ...found };
}

/**
 * Package managers that Windows installs as `.cmd` files (`npm.cmd`), which Node (since 18.20.2 and 20.12.2) starts
 * only through a shell: `spawn('npm', args, { shell: true })` is how a cross-platform tool runs them (hubot's
 * generator), so dropping the option is no fix.
 */
const PACKAGE_MANAGER = /^(?:npm|npx|yarn|pnpm|pnpx|corepack)(?:\.cmd)?$/i;

/** True when the command is a literal package manager's name (`PACKAGE_MANAGER`). */
function isPackageManager(command: Node): boolean {
  return isLiteralMatching(command, PACKAGE_MANAGER);
}

/** True for a string literal (or a template without holes), parentheses skipped, whose text `pattern` matches. */
function isLiteralMatching(value: Node, pattern: RegExp): boolean {
  const text = literalTextOf(value);
  return text !== undefined && pattern.test(text);
}

/**
 * The parameters a function hands to the shell whole, when every non-literal part of the command line is one
 * (`function run(command) { return execSync(command); }`, a method `run(command) {…}`, or an array of words
 * joined, `spawn(command.join(' '), [], { shell: true })`); else undefined. Such a function runs the command its
 * caller writes, as `exec` itself does, so the call inside it is not reported: what a caller passes is (below).
 * CodeQL's query for shell commands built from a library's input draws the same line.
 */
function runnerParametersOf(view: ProjectView, parts: readonly Node[]): RunnerParameter[] | undefined {
  const passed: RunnerParameter[] = [];
  for (const part of parts) {
    // A line the function names first (`var runCommand = prefix + command; exec(runCommand)`) is judged by its value.
    const parameter = runnerParameterOf(view, part) ?? runnerParameterOfNamedLine(view, part);
    if (parameter === undefined || (passed[0] !== undefined && parameter.fn !== passed[0].fn)) return undefined;
    passed.push(parameter);
  }
  return passed.length === 0 ? undefined : passed;
}

/** The parameter one part of a command line is, when it is a runner's: whole, after a prefix, or before words. */
function runnerParameterOf(view: ProjectView, part: Node): RunnerParameter | undefined {
  return passedParameterOf(part, view) ?? commandAfterPrefixOf(view, part) ?? commandBeforeWordsOf(view, part);
}

/** `runnerParameterOf` for the value of a local never reassigned that a part names. */
function runnerParameterOfNamedLine(view: ProjectView, part: Node): RunnerParameter | undefined {
  const value = getSingleAssignment(skipOuterExpressions(part), view);
  return value === undefined ? undefined : runnerParameterOf(view, value);
}

/**
 * A parameter a runner hands to the shell: whole, joined, or as the end of a line it starts or the start of a line
 * it ends (`place`).
 */
type RunnerParameter = PassedParameter & { readonly place?: 'end' | 'start' };

/**
 * A parameter named as a command line (`cmd`, `command`, `script`, `shellCommand`) that ends a line whose start is
 * literal and ends a word or a command (`'"' + path.join(bin, 'elevate.cmd') + '" ' + cmd`, `` `sudo ${command}` ``,
 * `'LC_ALL=C;' + command`): the function runs its caller's command under a program or settings of its own (an
 * elevator, `sudo`, `ssh host`, a locale), as a runner passing it whole does. Its name is what says the value is a
 * command: a path or an id at the end of a line (`'taskkill /pid ' + pid`, `'git clone ' + url`) is one word of it,
 * and spliced data still.
 */
function commandAfterPrefixOf(view: ProjectView, part: Node): RunnerParameter | undefined {
  const node = skipOuterExpressions(part);
  let prefix: Node[];
  let last: Node;
  let joint: string;
  if (Node.isBinaryExpression(node) && node.getOperatorToken().getKind() === SyntaxKind.PlusToken) {
    const left = skipOuterExpressions(node.getLeft());
    const end = Node.isBinaryExpression(left) ? skipOuterExpressions(left.getRight()) : left;
    if (!Node.isStringLiteral(end) && !Node.isNoSubstitutionTemplateLiteral(end)) return undefined;
    prefix = [left];
    last = node.getRight();
    joint = end.getLiteralText();
  } else if (Node.isTemplateExpression(node)) {
    const spans = node.getTemplateSpans();
    const final = spans.at(-1);
    if (final === undefined || final.getLiteral().getLiteralText() !== '') return undefined;
    const before = spans.at(-2);
    prefix = spans.slice(0, -1).map((span) => span.getExpression());
    last = final.getExpression();
    joint = before === undefined ? node.getHead().getLiteralText() : before.getLiteral().getLiteralText();
  } else return undefined;
  if (!/[\s;&|]$/.test(joint)) return undefined;
  const options = shellDataOptions(view);
  if (prefix.some((piece) => getNonLiteralPart(piece, options) !== undefined)) return undefined;
  return commandParameterOf(view, last, 'end');
}

/**
 * A parameter named as a command line that starts a line whose rest is literal and starts a word or a command
 * (`command + ' install'`, `` `${cmd} --version` ``): the function runs the program its caller names with words of
 * its own (brunch's `install(rootPath, command)`, called with `'npm'` and `'bower'`), as a runner passing it whole
 * does. As for `commandAfterPrefixOf`, the name is what says the value is a command: `pid + ' -9'` is spliced data.
 */
function commandBeforeWordsOf(view: ProjectView, part: Node): RunnerParameter | undefined {
  const line = lineStartOf(part);
  if (line === undefined) return undefined;
  const options = shellDataOptions(view);
  if (line.rest.some((piece) => getNonLiteralPart(piece, options) !== undefined)) return undefined;
  return commandParameterOf(view, line.first, 'start');
}

/**
 * A command line that starts with a value and goes on, after a literal that starts a word or a command, with the
 * rest (`first + ' install'`, `` `${first} --version ${rest}` ``), or undefined.
 */
function lineStartOf(part: Node): { first: Node; rest: Node[] } | undefined {
  const node = skipOuterExpressions(part);
  let first: Node;
  let rest: Node[];
  let joint: string;
  // A first word in quotes (`'"' + options.binary + '" --version'`, `` `"${bin}" -v` ``) is that word.
  let quote = '';
  if (isPlus(node)) {
    let operands = plusOperandsOf(node);
    const lead = literalTextOf(operands[0]);
    if (operands.length >= 3 && lead !== undefined && QUOTES.has(lead)) {
      quote = lead;
      operands = operands.slice(1);
    }
    [first, ...rest] = operands as [Node, ...Node[]];
    // The literal text after the first word, however many literals write it (`'"' + ' --version'`).
    const texts: string[] = [];
    for (const operand of rest) {
      const text = literalTextOf(operand);
      if (text === undefined) break;
      texts.push(text);
    }
    if (texts.length === 0) return undefined;
    joint = texts.join('');
  } else if (Node.isTemplateExpression(node) && ['', ...QUOTES].includes(node.getHead().getLiteralText())) {
    quote = node.getHead().getLiteralText();
    const [span, ...spans] = node.getTemplateSpans();
    if (span === undefined) return undefined;
    first = span.getExpression();
    rest = spans.map((s) => s.getExpression());
    joint = span.getLiteral().getLiteralText();
  } else {
    const words = wordsOf(node);
    if (words === undefined) return undefined;
    [first, ...rest] = words.elements as [Node, ...Node[]];
    joint = words.separator;
  }
  if (!joint.startsWith(quote)) return undefined;
  return /^[\s;&|]/.test(joint.slice(quote.length)) ? { first, rest } : undefined;
}

/** The quotes a shell reads a word in. */
const QUOTES: ReadonlySet<string> = new Set(['"', "'"]);

/**
 * A command line written as an array of words joined with a literal separator (`[binary, input, 'stdout'].join(' ')`):
 * its words (a spread one as what it spreads) and the separator's text; undefined for any other value or an empty
 * array.
 */
function wordsOf(node: Node): { elements: Node[]; separator: string } | undefined {
  const join = joinOf(node);
  const separator = literalTextOf(join?.separator[0]);
  if (join === undefined || !Node.isArrayLiteralExpression(join.array) || separator === undefined) return undefined;
  const elements = join.array.getElements().map((e) => (Node.isSpreadElement(e) ? e.getExpression() : e));
  return elements.length === 0 ? undefined : { elements, separator };
}

/**
 * The shell operator that joins two programs in a command line's literal text, outside quotes: a pipe `|`, `&&`,
 * `||` or `;` (`pg_dump -Fc ${current} | pg_restore -d ${target}`), where an argument array, which runs one program,
 * is not the whole fix; undefined when there is none. Spliced values count as words.
 */
function programJoinOf(view: ProjectView, parts: readonly Node[]): string | undefined {
  for (const part of parts) {
    const line = skipOuterExpressions(lineOf(view, part).value);
    // A local or implicit global given whole lines more than once (`command = '… | head -n ' + n`): each line's text.
    const values = Node.isIdentifier(line) ? (getVariableValues(line, view)?.values ?? [line]) : [line];
    for (const value of values) {
      const operator = operatorOutsideQuotes(getLiteralTexts(value, view).join('\0'));
      if (operator !== undefined) return operator;
    }
  }
  return undefined;
}

/** The first `|`, `&&`, `||` or `;` of a command line's text outside single and double quotes, or undefined. */
function operatorOutsideQuotes(text: string): string | undefined {
  let quote: string | undefined;
  for (let i = 0; i < text.length; i++) {
    const char = text[i] ?? '';
    if (quote !== undefined) {
      if (char === quote) quote = undefined;
      else if (char === '\\' && quote === '"') i++;
      continue;
    }
    if (char === "'" || char === '"') quote = char;
    else if (char === '\\') i++;
    else if (char === ';') return ';';
    else if (char === '|' || char === '&') {
      const pair = text.slice(i, i + 2);
      if (pair === '||' || pair === '&&') return pair;
      if (char === '|') return '|';
    }
  }
  return undefined;
}

/** Last words of a name that say its value is a program to run (`gitBin`, `ffmpegBinary`, `nodeExecutable`). */
const PROGRAM_WORDS: ReadonlySet<string> = new Set(['bin', 'binary', 'exe', 'executable']);

/**
 * The value that starts a command line, when it is named as a program (`this.gitBin + ' --version'`,
 * `` `${ffmpegBinary} -version` ``): it is the program the line runs, as `execFile`'s first argument is, not data
 * handed to one, so it cannot go into an argument array as a finding would advise; whoever sets it chooses what runs,
 * with or without a shell (jingo's `gitBin`, from the operator's configuration). The rest of the line is judged.
 */
function programAtStartOf(view: ProjectView, command: Node): Node | undefined {
  const node = skipOuterExpressions(command);
  // Of a line chosen between two (`binary ? '"' + binary + '" --version' : 'mpv --version'`), the one that starts so.
  if (Node.isConditionalExpression(node))
    return programAtStartOf(view, node.getWhenTrue()) ?? programAtStartOf(view, node.getWhenFalse());
  const first = lineStartOf(node)?.first;
  return first !== undefined && isProgramNamed(view, first) ? first : undefined;
}

/**
 * True for a value named as a program (`PROGRAM_WORDS`, or a path to one: `exePath`, `binaryPath`,
 * `executablePath`): a name, a property, or a getter called without arguments (winreg's `getRegExePath()`); or a
 * path `path.join`/`path.resolve` makes whose last part is so named (ngrok's `` `${join(dir, bin)} --version` ``).
 */
function isProgramNamed(view: ProjectView, value: Node): boolean {
  const node = skipOuterExpressions(value);
  // A path to a program, named by its last part (`path.join(dir, bin)`), as `binPath` holding it would be.
  if (Node.isCallExpression(node) && PATH_TO_FUNCTIONS.has(pathFunctionOf(view, node) ?? '')) {
    const last = node.getArguments().at(-1);
    return last !== undefined && !Node.isSpreadElement(last) && isProgramNamed(view, last);
  }
  const callee = Node.isCallExpression(node) && node.getArguments().length === 0 ? node.getExpression() : node;
  const name = referenceNameOf(callee);
  if (name === undefined) return false;
  const words = splitWords(name);
  const last = words.at(-1) ?? '';
  return PROGRAM_WORDS.has(last) || (last === 'path' && PROGRAM_WORDS.has(words.at(-2) ?? ''));
}

/** The plain parameter `node` is, passed whole and named as a command line (`isCommandName`), at a line's `place`. */
function commandParameterOf(view: ProjectView, node: Node, place: 'end' | 'start'): RunnerParameter | undefined {
  const parameter = passedParameterOf(node, view);
  return parameter !== undefined && !parameter.joined && isCommandName(parameter.name)
    ? { ...parameter, place }
    : undefined;
}

/** True for a name that calls its value a command line: `cmd`, `command`, `commandLine`, `script`, `gitCmd`, `shell_command`. */
function isCommandName(name: string): boolean {
  return (
    /^(?:cmd|command|cmd_?line|command_?line|script)$/i.test(name) ||
    /[a-z0-9](?:Cmd|Command|CommandLine|Script)$|_(?:cmd|command|script)$/.test(name)
  );
}

/** How many command runners deep calls are followed (`deploy(ref)` calling `run(ref)` calling `exec`). */
const MAX_RUNNER_DEPTH = 3;

/** The calls of a command runner in its own file (`callSitesInOwnFile`), each judged by `runnerCallFinding`. */
function* runnerCallFindings(view: ProjectView, runner: Runner, depth: number): Generator<FindingDraft<MessageId>> {
  const [first] = runner.parameters;
  if (first === undefined || depth >= MAX_RUNNER_DEPTH) return;
  for (const call of callSitesInOwnFile(view, first.fn)) yield* runnerCallFinding(view, call, runner, depth);
}

/**
 * One call of a command runner: reported as a shell command built from the non-literal data it passes, with the
 * runner's own call as evidence; a call that passes a parameter of its own function whole makes that function a
 * runner too, and its calls are followed in turn.
 */
function* runnerCallFinding(
  view: ProjectView,
  call: CallExpression,
  runner: Runner,
  depth: number,
): Generator<FindingDraft<MessageId>> {
  const passed = passedAt(view, call, runner);
  if (passed === undefined) return;
  if (passed.kind === 'runner') {
    yield* runnerCallFindings(view, passed.runner, depth + 1);
    return;
  }
  const { messageId, parameters, sinkCall, handedTo } = runner;
  const sink = sinkLabelOf(call);
  const lines = parameters.flatMap((p) => call.getArguments()[p.index] ?? []);
  const operator = programJoinOf(view, lines);
  const draft =
    operator === undefined
      ? draftOf(view, call, messageId === 'shellProgram' ? 'shellProgram' : 'shellCommand', sink, passed)
      : draftOf(view, call, 'shellPipeline', sink, passed, { operator });
  const handed = parameters.map((p) => `\`${p.name}\``).join(' and ');
  const how = parameters.some((p) => p.joined)
    ? 'joined into one line'
    : parameters.some((p) => p.place === 'end')
      ? 'at the end of a line of its own'
      : parameters.some((p) => p.place === 'start')
        ? 'at the start of a line of its own'
        : 'whole';
  yield {
    ...draft,
    evidence: [
      { note: `\`${sink}\` hands its ${handed}, ${how}, to ${handedTo} here`, node: sinkCall },
      ...(draft.evidence ?? []),
    ],
  };
}

/**
 * What a call of a runner passes it: undefined for literal data; the data, when it is not literal; or the runner the
 * call's own function becomes, when the data is that function's parameters handed on (a function that calls itself
 * with its own parameter adds nothing: undefined).
 */
function passedAt(
  view: ProjectView,
  call: CallExpression,
  runner: Runner,
): ({ kind: 'data' } & Spliced) | { kind: 'runner'; runner: Runner } | undefined {
  const found = partsPassedTo(view, call, runner.parameters);
  if (found === undefined) return undefined;
  const outer = runnerParametersOf(view, found.parts);
  if (outer === undefined) return { kind: 'data', data: found.data, via: found.via };
  if (outer[0]?.fn === runner.parameters[0]?.fn) return undefined;
  const handedTo = `\`${sinkLabelOf(call)}\``;
  return { kind: 'runner', runner: { parameters: outer, sinkCall: call, messageId: runner.messageId, handedTo } };
}

/** The non-literal data a call passes in a runner's parameters; undefined when it passes literals, or spreads. */
function partsPassedTo(
  view: ProjectView,
  call: CallExpression,
  runner: readonly RunnerParameter[],
): (Spliced & { parts: Node[] }) | undefined {
  const args = call.getArguments();
  if (args.some((a) => Node.isSpreadElement(a))) return undefined;
  return nonLiteralParts(
    view,
    runner.map((p) => args[p.index]).filter((a): a is Node => a !== undefined),
  );
}

/** How a runner's call names what it calls: `this.run` for a method's call through `this`, else the callee (`wincmd.elevate`). */
function sinkLabelOf(call: CallExpression): string {
  const callee = skipOuterExpressions(call.getExpression());
  return Node.isPropertyAccessExpression(callee) && callee.getExpression().getKind() === SyntaxKind.ThisKeyword
    ? `this.${callee.getName()}`
    : describeCallee(callee, 'call');
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
  spliced: Spliced,
  extra: Record<string, string> = {},
): FindingDraft<MessageId> {
  const data = unescapedValueOf(spliced.data);
  const description = describeNode(data);
  // The value of each local the line was followed through; the data's own origin where it says more than its place
  // in that line (`hash` is `opts.hash`), not a bare "non-literal data" pointing into the line just shown.
  const lines = spliced.via.flatMap((local) => getOriginEvidence(local, view));
  const origin = getOriginEvidence(data, view);
  return {
    node: call,
    messageId,
    symbol: { path: symbolPathOf(call), qualifier: `${sink}:${description}` },
    data: { sink, data: description, line: data.getStartLineNumber(), ...extra },
    evidence: [...lines, ...(lines.length === 0 ? origin : origin.filter((e) => e.node !== data))],
  };
}

/**
 * The value a finding names: what was spliced, or, for a hand-made escape of a value (`bundlePath.replace(/(\s)/g,
 * '\\ ')`: a `replace` or `replaceAll` on it), the value itself. Without a shell the escape must go too, or the
 * program gets its backslashes, so the advice to pass the escaped text in an argument array would be false
 * (@vue/cli-shared-utils' Spotlight path).
 */
function unescapedValueOf(spliced: Node): Node {
  let value = spliced;
  for (;;) {
    const node = skipOuterExpressions(value);
    const callee = Node.isCallExpression(node) ? skipOuterExpressions(node.getExpression()) : undefined;
    if (!Node.isPropertyAccessExpression(callee) || !['replace', 'replaceAll'].includes(callee.getName())) return value;
    value = callee.getExpression();
  }
}

/** `||` and `??`, whose value is one side or the other. */
function isFallback(kind: SyntaxKind): boolean {
  return kind === SyntaxKind.BarBarToken || kind === SyntaxKind.QuestionQuestionToken;
}

/** Programs that run their `-c` argument as a shell script. */
const SHELL_PROGRAM =
  /^(?:\/(?:usr\/)?bin\/)?(?:sh|bash|zsh|dash|ksh|fish)$|^(?:cmd|cmd\.exe|powershell|powershell\.exe|pwsh)$/i;

/**
 * True when the command is a literal shell program (`sh`, `/bin/bash`, `cmd.exe`, `powershell`), or the user's shell
 * as the environment names it (`process.env.SHELL`, `process.env.ComSpec`: hookshot's `spawn(process.env.SHELL,
 * ['-c', script])`).
 */
function isExplicitShell(view: ProjectView, command: Node, depth = 0): boolean {
  const node = skipOuterExpressions(command);
  // Through a local (`var shell = process.env.SHELL`) and a fallback (`process.env.SHELL || '/bin/sh'`).
  const held = depth < 2 ? getSingleAssignment(node, view) : undefined;
  if (held !== undefined) return isExplicitShell(view, held, depth + 1);
  if (Node.isBinaryExpression(node) && isFallback(node.getOperatorToken().getKind()))
    return isExplicitShell(view, node.getLeft(), depth) || isExplicitShell(view, node.getRight(), depth);
  if (Node.isPropertyAccessExpression(node) && /^(?:SHELL|COMSPEC|ComSpec)$/.test(node.getName())) {
    const env = skipOuterExpressions(node.getExpression());
    return Node.isPropertyAccessExpression(env) && env.getText() === 'process.env';
  }
  return isLiteralMatching(node, SHELL_PROGRAM);
}

/** The element after `-c`, `/c` or `-Command` in a literal argument array: the script the shell runs. */
function getShellScriptArgument(args: Node): Node | undefined {
  const array = skipOuterExpressions(args);
  if (!Node.isArrayLiteralExpression(array)) return undefined;
  const elements = array.getElements();
  const flag = elements.findIndex((e) => isLiteralMatching(e, /^(?:-c|\/c|-command)$/i));
  return flag < 0 ? undefined : elements[flag + 1];
}

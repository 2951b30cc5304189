import { MessageChannel, Worker, isMainThread, receiveMessageOnPort, workerData } from 'node:worker_threads';
import type { MessagePort } from 'node:worker_threads';
import type { Limits } from './budget.js';
import { skipReasonOf } from './budget.js';

/**
 * The screening parse (budget.ts, skipReasonOf) run in a worker thread with a
 * time budget. The loader is synchronous, so it waits for the worker with
 * `Atomics.wait` on a shared buffer and reads the answer with
 * `receiveMessageOnPort`; a parse still running after
 * `limits.maxParseMilliseconds` is abandoned (the worker is terminated and
 * replaced on the next file) and the file skipped. One worker serves every
 * file of the process.
 *
 * The worker is this very module file: `import.meta.url` is the bundle
 * (dist/cli.js, dist/action.js) once built, or this source file under tsx.
 * A small bootstrap imports it inside the worker, and the check at the end of
 * this file starts the worker's loop there. Where the file cannot be loaded in
 * a worker (vitest runs TypeScript sources through its own transform), the
 * bootstrap says so and the screening runs in-process, with no time budget.
 */

/** Marks the worker's `workerData`, so that other workers that load this module do nothing. */
const WORKER_MARK = 'review-bot parse worker';

/** Slots of the shared Int32Array. */
const STATE = 0; // 0 starting, 1 ready, 2 could not load this module
const ANSWERED = 1; // sequence number of the last answer posted

const STARTING = 0;
const READY = 1;
const UNLOADABLE = 2;

/** How long a new worker may take to load the bundle (not counted against any file's budget). */
const STARTUP_MILLISECONDS = 60_000;

/**
 * Usable stack of the worker, close to the main thread's (V8's default,
 * about 1 MB), so that a file too deep for the compiler's parser on the main
 * thread is too deep for the screening parse too (Node keeps 192 KiB of a
 * worker's stack in reserve).
 */
const WORKER_STACK_MB = 1.1;

/**
 * Imports the module in the worker and says whether that worked (plain
 * JavaScript: it runs before any loader). Under tsx, whose hooks do not
 * reach workers, it registers tsx first.
 */
const BOOTSTRAP = `
const { workerData } = require('node:worker_threads');
const state = new Int32Array(workerData.shared);
const loader = workerData.tsx === undefined ? Promise.resolve() : import(workerData.tsx).then((tsx) => tsx.register());
loader.then(() => import(workerData.url)).catch(() => { 
  Atomics.store(state, ${String(STATE)}, ${String(UNLOADABLE)});
  Atomics.notify(state, ${String(STATE)});
});
`;

/** What the loader sends for one file. */
interface ScreenRequest {
  sequence: number;
  path: string;
  text: string;
  limits: Limits;
}

/** What the worker answers: why to skip the file, or the error the screening threw. */
interface ScreenAnswer {
  sequence: number;
  reason?: string | undefined;
  error?: string | undefined;
}

/** The worker as the loader holds it. */
interface RunningWorker {
  worker: Worker;
  port: MessagePort;
  state: Int32Array;
}

let running: RunningWorker | undefined;
let sequence = 0;
/** Set once a worker could not load this module: every later file is screened in-process. */
let inProcessOnly = false;

/**
 * Why a source text is left out of the analysis (skipReasonOf), the parse
 * limited to `limits.maxParseMilliseconds` when a worker can run it.
 */
export function screenedSkipReason(path: string, text: string, limits: Limits): string | undefined {
  const worker = inProcessOnly ? undefined : readyWorker();
  if (worker === undefined) return skipReasonOf(path, text, limits);
  sequence++;
  const request: ScreenRequest = { sequence, path, text, limits };
  worker.port.postMessage(request);
  const answer = awaitAnswer(worker, sequence, limits.maxParseMilliseconds);
  if (answer === undefined) {
    stop(worker);
    return `parse took longer than ${String(limits.maxParseMilliseconds)} ms (limits.maxParseMilliseconds)`;
  }
  if (answer.error !== undefined) throw new Error(answer.error);
  return answer.reason;
}

/** The running worker, started if needed; undefined when none can load this module. */
function readyWorker(): RunningWorker | undefined {
  running ??= startWorker();
  const { state } = running;
  const deadline = performance.now() + STARTUP_MILLISECONDS;
  while (Atomics.load(state, STATE) === STARTING) {
    const left = deadline - performance.now();
    if (left <= 0) break;
    Atomics.wait(state, STATE, STARTING, left);
  }
  if (Atomics.load(state, STATE) === READY) return running;
  stop(running);
  inProcessOnly = true;
  return undefined;
}

/** Starts a worker on this module file; it does not keep the process alive. */
function startWorker(): RunningWorker {
  const shared = new SharedArrayBuffer(2 * Int32Array.BYTES_PER_ELEMENT);
  const { port1, port2 } = new MessageChannel();
  const worker = new Worker(BOOTSTRAP, {
    eval: true,
    workerData: { mark: WORKER_MARK, url: import.meta.url, tsx: tsxLoaderOf(import.meta.url), shared, port: port2 },
    transferList: [port2],
    resourceLimits: { stackSizeMb: WORKER_STACK_MB },
    stdout: false,
    stderr: false,
  });
  worker.unref();
  port1.unref();
  return { worker, port: port1, state: new Int32Array(shared) };
}

/** tsx's loader API when this module is TypeScript source (never in the bundles), else undefined. */
function tsxLoaderOf(url: string): string | undefined {
  if (!url.endsWith('.ts')) return undefined;
  try {
    return import.meta.resolve('tsx/esm/api');
  } catch {
    return undefined;
  }
}

/** Waits up to `budget` ms for the answer numbered `wanted`; undefined when the time runs out. */
function awaitAnswer(worker: RunningWorker, wanted: number, budget: number): ScreenAnswer | undefined {
  const deadline = performance.now() + budget;
  for (;;) {
    const answered = Atomics.load(worker.state, ANSWERED);
    if (answered === wanted) return takeAnswer(worker.port, wanted);
    const left = deadline - performance.now();
    if (left <= 0) return undefined;
    Atomics.wait(worker.state, ANSWERED, answered, left);
  }
}

/** Reads the posted answers up to the one numbered `wanted`. */
function takeAnswer(port: MessagePort, wanted: number): ScreenAnswer | undefined {
  for (let message = receiveMessageOnPort(port); message !== undefined; message = receiveMessageOnPort(port)) {
    const answer: unknown = message.message;
    if (isAnswer(answer) && answer.sequence === wanted) return answer;
  }
  return undefined;
}

/** Terminates a worker (a synchronous parse cannot be interrupted otherwise); the next file starts another. */
function stop(worker: RunningWorker): void {
  void worker.worker.terminate();
  worker.port.close();
  if (running === worker) running = undefined;
}

function isAnswer(value: unknown): value is ScreenAnswer {
  return typeof value === 'object' && value !== null && 'sequence' in value && typeof value.sequence === 'number';
}

/** What the loader hands the worker. */
interface WorkerData {
  mark: string;
  shared: SharedArrayBuffer;
  port: MessagePort;
}

function isWorkerData(value: unknown): value is WorkerData {
  return (
    typeof value === 'object' &&
    value !== null &&
    'mark' in value &&
    value.mark === WORKER_MARK &&
    'shared' in value &&
    value.shared instanceof SharedArrayBuffer &&
    'port' in value
  );
}

function isRequest(value: unknown): value is ScreenRequest {
  return isAnswer(value) && 'path' in value && 'text' in value && 'limits' in value;
}

/** The worker's loop: screens each file it is sent, posts the answer, then wakes the loader. */
function runParseWorker(data: WorkerData): void {
  const state = new Int32Array(data.shared);
  data.port.on('message', (request: unknown) => {
    if (!isRequest(request)) return;
    const answer: ScreenAnswer = { sequence: request.sequence };
    try {
      answer.reason = skipReasonOf(request.path, request.text, request.limits);
    } catch (error) {
      answer.error = error instanceof Error ? error.message : String(error);
    }
    data.port.postMessage(answer);
    Atomics.store(state, ANSWERED, request.sequence);
    Atomics.notify(state, ANSWERED);
  });
  Atomics.store(state, STATE, READY);
  Atomics.notify(state, STATE);
}

if (!isMainThread && isWorkerData(workerData)) runParseWorker(workerData);

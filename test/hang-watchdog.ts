// A test file whose process runs no JavaScript callback for three minutes is stuck in a
// synchronous loop or call, where no test timeout reaches it (a timeout needs the event
// loop), and the whole run would wait for it. A thread of its own then prints where the
// main thread is and ends the process: Vitest reports that file as failed, names it, and
// goes on with the others.
import { Worker } from 'node:worker_threads';
import { beforeEach, expect } from 'vitest';

/** Far above any synchronous step of a test (the longest, a property run thousands of times, takes seconds). */
const STUCK_MS = Number(process.env.HANG_TEST_STUCK_MS) || 180_000;
const BEAT_MS = 1_000;

// The watcher is plain JavaScript: a worker thread is not compiled by Vitest.
const WATCHER = `
const { workerData } = require('node:worker_threads');
const { Session } = require('node:inspector');
const { writeSync } = require('node:fs');
const { beats, test, stuckMs, beatMs } = workerData;
let seen = Atomics.load(beats, 0);
let since = Date.now();
const timer = setInterval(() => {
  const now = Atomics.load(beats, 0);
  if (now !== seen) [seen, since] = [now, Date.now()];
  else if (Date.now() - since >= stuckMs) {
    clearInterval(timer);
    report();
  }
}, beatMs);

function report() {
  const session = new Session();
  session.connectToMainThread();
  const urls = new Map();
  const end = (where) => {
    const name = new TextDecoder().decode(test.subarray(4, 4 + Atomics.load(new Int32Array(test.buffer, 0, 1), 0)));
    writeSync(2, '\\n' + name + ' ran no callback for ' + stuckMs / 1000 + ' s: stuck ' + where + '\\n');
    process.kill(process.pid, 'SIGKILL');
  };
  setTimeout(() => end('outside JavaScript (a synchronous call that does not return)'), 10_000);
  session.on('Debugger.scriptParsed', ({ params }) => urls.set(params.scriptId, params.url));
  session.on('Debugger.paused', ({ params }) =>
    end('in JavaScript, at\\n' + params.callFrames.slice(0, 20).map((frame) =>
      '  ' + (frame.functionName || '(anonymous)') + ' ' + (urls.get(frame.location.scriptId) || '?') + ':' +
      (frame.location.lineNumber + 1) + ':' + (frame.location.columnNumber + 1)).join('\\n')));
  session.post('Debugger.enable', () => session.post('Debugger.pause'));
}
`;

const beats = new Int32Array(new SharedArrayBuffer(4));
setInterval(() => Atomics.add(beats, 0, 1), BEAT_MS).unref();
// The test running, for the report: its length, then its file and name in UTF-8.
const test = new Uint8Array(new SharedArrayBuffer(4 + 4096));
const running = (name: string) => {
  const { written } = new TextEncoder().encodeInto(name, test.subarray(4));
  Atomics.store(new Int32Array(test.buffer, 0, 1), 0, written);
};
running(expect.getState().testPath ?? 'a test file');
beforeEach(({ task }) => running(`${task.file.filepath} › ${task.name}`));
new Worker(WATCHER, { eval: true, workerData: { beats, test, stuckMs: STUCK_MS, beatMs: BEAT_MS } }).unref();

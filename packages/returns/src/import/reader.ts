import { createRequire } from 'node:module';
import { availableParallelism } from 'node:os';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import { readReturn, READ_FAILURE_RULE, type ReadOutcome, type ReadRequest } from './read';
import { fileIssue } from '../issues';
import type { WorkerReply, WorkerRequest } from './read-worker';

/** Reads returns (parse, validate, COPY text): in this thread, or in a pool of worker threads. */
export interface ReturnReader {
  read(request: ReadRequest, onParsed?: (rows: number) => void): Promise<ReadOutcome>;
  close(): Promise<void>;
}

/** Reads in the calling thread: the event loop is blocked for the parse (tens of ms a council, seconds a country). */
export const inThreadReader: ReturnReader = {
  read: async (request, onParsed) => readReturn(request, onParsed),
  close: async () => {},
};

/** Set by the gateway's production bundle's banner: the bundle's own URL (undefined under tsx). */
declare const __CONTINUITY_BUNDLE_URL__: string | undefined;

/**
 * The worker's entry is TypeScript, as the whole project runs under tsx; a worker does not inherit the
 * parent's module hooks (and `--import` in a worker's execArgv registers them too late for its entry), so a
 * one-line bootstrap registers tsx's ESM hooks and then imports read-worker.ts.
 */
function bootstrapUrl(): URL {
  // The gateway's production bundle (apps/gateway/build.ts) ships the worker compiled beside it.
  if (typeof __CONTINUITY_BUNDLE_URL__ === 'string') return new URL('./read-worker.js', __CONTINUITY_BUNDLE_URL__);
  const tsx = dirname(createRequire(import.meta.url).resolve('tsx/package.json'));
  const api = pathToFileURL(join(tsx, 'dist/esm/api/index.mjs')).href;
  const entry = new URL('./read-worker.ts', import.meta.url).href;
  const code = `const { register } = await import(${JSON.stringify(api)}); register(); await import(${JSON.stringify(entry)});`;
  return new URL(`data:text/javascript,${encodeURIComponent(code)}`);
}

interface Task {
  id: number;
  request: ReadRequest;
  onParsed: ((rows: number) => void) | undefined;
  resolve: (outcome: ReadOutcome) => void;
}

/**
 * A pool of `size` worker threads (default: one per core less one for the event loop, at least one, at
 * most 4), started on first use and kept; idle workers do not keep the process alive. A worker that dies
 * mid-read fails that read with a CONT-READ issue (nothing stored) and is replaced on the next read.
 */
export function createWorkerReader(options: { size?: number } = {}): ReturnReader {
  const size = Math.max(1, options.size ?? Math.min(4, availableParallelism() - 1));
  const idle: Worker[] = [];
  const busy = new Map<Worker, Task>();
  const queue: Task[] = [];
  let started = 0;
  let nextId = 0;
  let closed = false;

  const fail = (task: Task, error: unknown) =>
    task.resolve({
      parseMs: 0,
      validateMs: 0,
      prepareMs: 0,
      status: 'unreadable',
      issue: fileIssue(
        '',
        READ_FAILURE_RULE,
        `The return could not be read because the reader stopped. Nothing was changed. (${String(error instanceof Error ? error.message : error).slice(0, 300)})`,
      ),
    });

  const spawn = () => {
    const worker = new Worker(bootstrapUrl());
    started++;
    worker.on('message', (reply: WorkerReply) => {
      const task = busy.get(worker);
      if (!task || task.id !== reply.id) return;
      if ('parsedRows' in reply) {
        task.onParsed?.(reply.parsedRows);
        return;
      }
      busy.delete(worker);
      task.resolve(reply.outcome);
      release(worker);
    });
    let dead = false;
    const gone = (error: unknown) => {
      if (dead) return; // 'error' is followed by 'exit'
      dead = true;
      const task = busy.get(worker);
      busy.delete(worker);
      const at = idle.indexOf(worker);
      if (at >= 0) idle.splice(at, 1);
      started--;
      if (task) fail(task, error);
      pump();
    };
    worker.on('error', gone);
    worker.on('exit', (code) => gone(new Error(`reader thread exited with code ${code}`)));
    return worker;
  };

  const release = (worker: Worker) => {
    idle.push(worker);
    worker.unref();
    pump();
  };

  function pump() {
    while (queue.length > 0 && !closed) {
      const worker = idle.pop() ?? (started < size ? spawn() : undefined);
      if (!worker) return;
      const task = queue.shift()!;
      busy.set(worker, task);
      worker.ref();
      worker.postMessage({ id: task.id, request: task.request } satisfies WorkerRequest);
    }
  }

  return {
    read(request, onParsed) {
      if (closed) return Promise.reject(new Error('the reader is closed'));
      // A view into a larger buffer (a pooled or multipart Buffer) would send the whole buffer: copy it.
      const files = request.files.map((f) =>
        f.bytes.byteOffset === 0 && f.bytes.byteLength === f.bytes.buffer.byteLength
          ? f
          : { name: f.name, bytes: f.bytes.slice() },
      );
      return new Promise<ReadOutcome>((resolve) => {
        queue.push({ id: ++nextId, request: { ...request, files }, onParsed, resolve });
        pump();
      });
    },
    async close() {
      closed = true;
      for (const task of queue.splice(0)) fail(task, new Error('the reader was closed'));
      const all = [...idle, ...busy.keys()];
      idle.length = 0;
      await Promise.all(all.map((w) => w.terminate()));
    },
  };
}

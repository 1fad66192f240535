/**
 * Worker thread entry for reader.ts: reads returns (readReturn) one message at a time and sends the outcome
 * back with its COPY buffers transferred, not copied.
 */
import { parentPort } from 'node:worker_threads';
import { readReturn, transferablesOf, type ReadRequest } from './read';

export type WorkerRequest = { id: number; request: ReadRequest };
export type WorkerReply = { id: number; parsedRows: number } | { id: number; outcome: ReturnType<typeof readReturn> };

const port = parentPort;
if (!port) throw new Error('read-worker.ts runs as a worker thread (see reader.ts)');
port.on('message', ({ id, request }: WorkerRequest) => {
  const outcome = readReturn(request, (parsedRows) => port.postMessage({ id, parsedRows } satisfies WorkerReply));
  port.postMessage({ id, outcome } satisfies WorkerReply, transferablesOf(outcome));
});

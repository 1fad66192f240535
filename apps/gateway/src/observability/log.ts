import { AsyncLocalStorage } from 'node:async_hooks';
import { randomUUID } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import { format } from 'node:util';
import { pino, stdTimeFunctions, type DestinationStream, type Logger } from 'pino';
import type { LogLevel } from '../env';

export type { Logger } from 'pino';

/** The request being served, so every log line written while serving it carries its id. */
const requestScope = new AsyncLocalStorage<{ requestId: string }>();

/** Runs `fn` as part of request `requestId`: lines logged inside (awaits included) carry it. */
export function withRequestId<T>(requestId: string, fn: () => T): T {
  return requestScope.run({ requestId }, fn);
}

function currentRequestId(): string | undefined {
  return requestScope.getStore()?.requestId;
}

/**
 * JSON lines (pino): level, time, msg, and the request id of the request being served. A caller's id
 * (X-Request-Id from a load balancer or the dashboard) is kept when it looks like an id; otherwise one is made.
 */
export function createLogger(level: LogLevel, destination?: DestinationStream): Logger {
  const options = {
    level,
    base: { service: 'continuity-gateway' },
    timestamp: stdTimeFunctions.isoTime,
    mixin: () => {
      const requestId = currentRequestId();
      return requestId ? { requestId } : {};
    },
  };
  return destination ? pino(options, destination) : pino(options);
}

const ACCEPTABLE_ID = /^[A-Za-z0-9._:-]{1,128}$/;

export function requestIdOf(req: IncomingMessage): string {
  const given = req.headers['x-request-id'];
  const value = Array.isArray(given) ? given[0] : given;
  return value && ACCEPTABLE_ID.test(value) ? value : randomUUID();
}

/**
 * The packages log with console.*: send those lines through the logger too, so production output is one
 * JSON line each (with the request id when inside a request). main.ts calls this; tests do not.
 */
export function routeConsoleTo(logger: Logger): void {
  const line =
    (level: 'info' | 'warn' | 'error' | 'debug') =>
    (...args: unknown[]) => {
      const error = args.find((a): a is Error => a instanceof Error);
      const text = format(...args.filter((a) => a !== error));
      if (error) logger[level]({ err: error }, text || error.message);
      else logger[level](text);
    };
  console.log = line('info');
  console.info = line('info');
  console.warn = line('warn');
  console.error = line('error');
  console.debug = line('debug');
}

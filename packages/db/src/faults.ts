/*
 * Errors that say the database (or the way to it) failed, not the request: the connection closed or was
 * refused, the backend was terminated, the server is starting or shutting down, a statement was cancelled
 * by a guard, or PostgreSQL chose this transaction as a deadlock or serialization victim. Such an operation
 * may succeed if tried again; the gateway answers it 503 (try again later) instead of 500.
 */

const TRANSIENT_SQLSTATES = new Set([
  '40001', // serialization_failure
  '40P01', // deadlock_detected
  '57014', // query_canceled (statement_timeout)
  '57P01', // admin_shutdown (pg_terminate_backend, fast shutdown)
  '57P02', // crash_shutdown
  '57P03', // cannot_connect_now (starting up, shutting down)
  '25P03', // idle_in_transaction_session_timeout
  '53100', // disk_full
  '53200', // out_of_memory
  '53300', // too_many_connections
]);

const TRANSIENT_CODES = new Set([
  'CONNECTION_CLOSED',
  'CONNECTION_DESTROYED',
  'CONNECTION_ENDED',
  'CONNECT_TIMEOUT',
  'ECONNREFUSED',
  'ECONNRESET',
  'EPIPE',
  'ETIMEDOUT',
  'EHOSTUNREACH',
]);

/** Is this error (or the error it wraps, as drizzle's "Failed query" does) a transient database fault? */
export function isTransientDatabaseError(error: unknown): boolean {
  for (
    let e: unknown = error, depth = 0;
    e && typeof e === 'object' && depth < 5;
    e = (e as { cause?: unknown }).cause, depth++
  ) {
    const code = String((e as { code?: unknown }).code ?? '');
    if (TRANSIENT_CODES.has(code) || TRANSIENT_SQLSTATES.has(code) || code.startsWith('08')) return true;
  }
  return false;
}

/** Deadlock or serialization failure: the transaction can be run again at once. */
export function isRetryableTransactionError(error: unknown): boolean {
  for (
    let e: unknown = error, depth = 0;
    e && typeof e === 'object' && depth < 5;
    e = (e as { cause?: unknown }).cause, depth++
  ) {
    const code = String((e as { code?: unknown }).code ?? '');
    if (code === '40001' || code === '40P01') return true;
  }
  return false;
}

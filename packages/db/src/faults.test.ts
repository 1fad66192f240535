import { describe, expect, it } from 'vitest';
import { isRetryableTransactionError, isTransientDatabaseError } from './faults';

const coded = (code: string, cause?: unknown) => Object.assign(new Error(code), { code }, cause ? { cause } : {});

describe('database fault classes', () => {
  it('knows connection loss, termination, shutdown and guard cancellations as transient, also when wrapped', () => {
    for (const code of ['CONNECTION_CLOSED', 'ECONNREFUSED', '57P01', '57P03', '08006', '57014', '40P01']) {
      expect(isTransientDatabaseError(coded(code))).toBe(true);
    }
    // drizzle wraps the driver's error in "Failed query: ..." with the original as its cause.
    expect(isTransientDatabaseError(new Error('Failed query', { cause: coded('57P01') }))).toBe(true);
  });

  it('does not call a request or data error transient', () => {
    for (const code of ['23505', '22P02', '42P01']) expect(isTransientDatabaseError(coded(code))).toBe(false);
    expect(isTransientDatabaseError(new Error('boom'))).toBe(false);
    expect(isTransientDatabaseError(null)).toBe(false);
  });

  it('retries only deadlock and serialization victims at once', () => {
    expect(isRetryableTransactionError(coded('40P01'))).toBe(true);
    expect(isRetryableTransactionError(new Error('x', { cause: coded('40001') }))).toBe(true);
    expect(isRetryableTransactionError(coded('57P01'))).toBe(false);
  });
});

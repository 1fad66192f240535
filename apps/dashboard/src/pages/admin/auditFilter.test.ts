import { describe, expect, it } from 'vitest';
import { auditVariables, parseAuditFilter, serialiseAuditFilter } from './auditFilter';

describe('audit filter in the URL', () => {
  it('round-trips, dropping malformed dates', () => {
    const filter = parseAuditFilter('?user=demo-admin&action=move_user&from=2026-12-01&to=tomorrow');
    expect(filter).toEqual({ userId: 'demo-admin', action: 'move_user', from: '2026-12-01', to: '' });
    expect(serialiseAuditFilter(filter)).toBe('?user=demo-admin&action=move_user&from=2026-12-01');
    expect(serialiseAuditFilter(parseAuditFilter(''))).toBe('');
  });

  it('asks the API with nulls for empty fields', () => {
    expect(auditVariables({ userId: '', action: 'read', from: '', to: '2026-12-04' }, 100)).toEqual({
      limit: 100,
      userId: null,
      action: 'read',
      from: null,
      to: '2026-12-04',
    });
  });
});

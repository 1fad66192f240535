/** The audit log's filters (who, what, when) in the URL, so a filtered view can be linked to. */
export interface AuditFilter {
  userId: string;
  action: string;
  /** ISO dates (YYYY-MM-DD), '' for no bound. */
  from: string;
  to: string;
}

const DATE = /^\d{4}-\d{2}-\d{2}$/;

export function parseAuditFilter(search: string): AuditFilter {
  const params = new URLSearchParams(search);
  const date = (name: string) => {
    const value = params.get(name) ?? '';
    return DATE.test(value) ? value : '';
  };
  return { userId: params.get('user') ?? '', action: params.get('action') ?? '', from: date('from'), to: date('to') };
}

export function serialiseAuditFilter(filter: AuditFilter): string {
  const params = new URLSearchParams();
  if (filter.userId) params.set('user', filter.userId);
  if (filter.action) params.set('action', filter.action);
  if (filter.from) params.set('from', filter.from);
  if (filter.to) params.set('to', filter.to);
  const text = params.toString();
  return text ? `?${text}` : '';
}

/** The API's arguments for a filter: empty fields are no filter. */
export function auditVariables(filter: AuditFilter, limit: number) {
  return {
    limit,
    userId: filter.userId || null,
    action: filter.action || null,
    from: filter.from || null,
    to: filter.to || null,
  };
}

/**
 * The audit log (admin only): who read or changed what, when, newest first, filtered by user, action
 * and dates (UTC, the day of "to" included). The filters live in the URL.
 */
import { useState } from 'react';
import { Empty, LoadError, Loading } from '../../components/States';
import { TableHead } from '../../components/TableHead';
import { useUrlView } from '../../router';
import { SelectField } from '../payments/fields';
import { actionLabel, auditTime, KNOWN_ACTIONS, roleLabelOf, targetLabel, type Names } from './labels';
import { AUDIT_QUERY, DIRECTORY_QUERY } from './queries';
import { auditVariables, parseAuditFilter, serialiseAuditFilter, type AuditFilter } from './auditFilter';
import { useFresh } from './useFresh';
import { AdminNav } from './AdminNav';

const LIMIT = 200;

export default function AuditPage() {
  const { view, show } = useUrlView(parseAuditFilter, serialiseAuditFilter);
  const directory = useFresh(DIRECTORY_QUERY, {}, 0);
  const log = useFresh(AUDIT_QUERY, auditVariables(view, LIMIT), 0);
  const loaded = directory.status === 'success' ? directory.data : null;
  const names: Names = {
    users: new Map(loaded?.users.map((u) => [u.id, u.name]) ?? []),
    organisations: new Map(loaded?.organisations.map((o) => [o.id, o.name]) ?? []),
    indicators: new Map(loaded?.indicators.map((i) => [i.id, i.title]) ?? []),
  };

  return (
    <>
      <AdminNav />
      <h1 className="govuk-heading-xl">Audit log</h1>
      <p className="govuk-body">
        Who read figures derived from children's records, sent a return or changed the directory, and when. Newest
        first; times in UTC.
      </p>
      <Filters
        key={serialiseAuditFilter(view)}
        filter={view}
        users={directory.status === 'success' ? directory.data.users : []}
        onApply={show}
      />
      {log.status === 'loading' ? <Loading>Loading the audit log…</Loading> : null}
      {log.status === 'error' ? <LoadError what="the audit log" error={log.error} onRetry={log.retry} /> : null}
      {log.status === 'success' ? (
        log.data.auditLog.length === 0 ? (
          <Empty>Nothing in the audit log matches these filters.</Empty>
        ) : (
          <div className="app-table-scroll" role="region" aria-labelledby="audit-caption" tabIndex={0}>
            <table className="govuk-table" data-testid="audit">
              <caption className="govuk-table__caption govuk-table__caption--m" id="audit-caption">
                {log.data.auditLog.length === LIMIT
                  ? `The newest ${LIMIT} entries`
                  : `${log.data.auditLog.length} ${log.data.auditLog.length === 1 ? 'entry' : 'entries'}`}
                , newest first
              </caption>
              <TableHead columns={['When', 'Who', 'What', 'Of', 'Details']} />
              <tbody className="govuk-table__body">
                {log.data.auditLog.map((entry) => (
                  <tr className="govuk-table__row" key={entry.id}>
                    <td className="govuk-table__cell app-nowrap">{auditTime(entry.at)}</td>
                    <td className="govuk-table__cell">
                      {names.users.get(entry.userId) ?? entry.userId}
                      <br />
                      <span className="govuk-body-s">
                        {roleLabelOf(entry.role)}
                        {entry.organisationId
                          ? `, ${names.organisations.get(entry.organisationId) ?? entry.organisationId}`
                          : ''}
                      </span>
                    </td>
                    <td className="govuk-table__cell" data-action={entry.action}>
                      {actionLabel(entry.action)}
                    </td>
                    <td className="govuk-table__cell" data-target={entry.target ?? ''}>
                      {targetLabel(entry.target, names)}
                    </td>
                    <td className="govuk-table__cell govuk-body-s">
                      {entry.detail && entry.detail !== '{}' ? entry.detail : ''}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )
      ) : null}
    </>
  );
}

function Filters({
  filter,
  users,
  onApply,
}: {
  filter: AuditFilter;
  users: readonly { id: string; name: string }[];
  onApply: (next: AuditFilter) => void;
}) {
  const [draft, setDraft] = useState(filter);
  const set = (change: Partial<AuditFilter>) => setDraft((d) => ({ ...d, ...change }));
  const date = (id: 'from' | 'to', label: string) => (
    <div className="govuk-form-group">
      <label className="govuk-label" htmlFor={`audit-${id}`}>
        {label}
      </label>
      <input
        className="govuk-input govuk-input--width-10"
        type="date"
        id={`audit-${id}`}
        value={draft[id]}
        onChange={(e) => set({ [id]: e.target.value })}
      />
    </div>
  );
  return (
    <form
      className="app-results"
      aria-label="Filter the audit log"
      onSubmit={(event) => {
        event.preventDefault();
        onApply(draft);
      }}
    >
      <div className="app-inline-fields">
        <SelectField
          id="audit-user"
          label="Who"
          value={draft.userId}
          options={[{ value: '', text: 'Anyone' }, ...users.map((u) => ({ value: u.id, text: u.name }))]}
          onChange={(v) => set({ userId: v })}
        />
        <SelectField
          id="audit-action"
          label="What"
          value={draft.action}
          options={[{ value: '', text: 'Anything' }, ...KNOWN_ACTIONS.map((a) => ({ value: a, text: actionLabel(a) }))]}
          onChange={(v) => set({ action: v })}
        />
        {date('from', 'From (UTC)')}
        {date('to', 'To (UTC), included')}
      </div>
      <button type="submit" className="govuk-button govuk-button--secondary">
        Apply filters
      </button>
    </form>
  );
}

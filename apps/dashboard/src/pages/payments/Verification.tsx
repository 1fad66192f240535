/**
 * Verification of an issued statement (issue 18): the returns it was worked out from, its disputes
 * with their history, and the forms the parties use: the practice raises a dispute on a line, the
 * council answers it and may re-issue the statement as a new revision. Disputes are read apart from
 * the cached statement (they change after issue) and read again after each change.
 */
import { useEffect, useState } from 'react';
import { LoadError } from '../../components/States';
import type { DisputeResolution, DisputeState } from '../../graphql/generated';
import { SelectField } from './fields';
import { useRun, yearLabel } from './parts';
import {
  ANSWER_DISPUTE_MUTATION,
  DISPUTES_QUERY,
  RAISE_DISPUTE_MUTATION,
  REISSUE_MUTATION,
  type StatementFields,
} from './queries';

const STATES: Readonly<Record<DisputeState, { text: string; tag: string }>> = {
  OPEN: { text: 'Open', tag: 'govuk-tag--yellow' },
  UPHELD: { text: 'Upheld', tag: 'govuk-tag--green' },
  REJECTED: { text: 'Rejected', tag: 'govuk-tag--red' },
};

function Message({
  id,
  label,
  value,
  onChange,
}: {
  id: string;
  label: string;
  value: string;
  onChange: (v: string) => void;
}) {
  return (
    <div className="govuk-form-group">
      <label className="govuk-label" htmlFor={id}>
        {label}
      </label>
      <textarea className="govuk-textarea" id={id} rows={3} value={value} onChange={(e) => onChange(e.target.value)} />
    </div>
  );
}

export function Verification({
  statement,
  role,
  canManage,
  onChanged,
}: {
  statement: StatementFields;
  role: 'council' | 'practice' | 'other';
  canManage: boolean;
  onChanged: () => void;
}) {
  const id = statement.id!;
  const prefix = `verify-${id}`;
  const disputes = useRun(DISPUTES_QUERY);
  const raise = useRun(RAISE_DISPUTE_MUTATION);
  const answer = useRun(ANSWER_DISPUTE_MUTATION);
  const reissue = useRun(REISSUE_MUTATION);
  const [line, setLine] = useState(statement.lines[0]?.indicatorId ?? '');
  const [why, setWhy] = useState('');
  const [reply, setReply] = useState<Record<string, string>>({});
  const [reason, setReason] = useState('');
  const load = () => void disputes.run({ id });
  useEffect(load, [id]);
  const data = disputes.state.status === 'done' ? disputes.state.data.statement : null;
  const titles = new Map(statement.lines.map((l) => [l.indicatorId, l.title] as const));
  const failed = [raise, answer, reissue].find((r) => r.state.status === 'error')?.state;

  return (
    <section className="govuk-!-margin-top-6" aria-labelledby={`${prefix}-heading`} data-testid="verification">
      <h4 className="govuk-heading-s" id={`${prefix}-heading`}>
        Verification: revision {statement.revision ?? 1}
        <span className="govuk-visually-hidden"> of statement {id}</span>
        {statement.supersedesId ? ` (re-issues statement ${statement.supersedesId}: ${statement.reissueReason})` : ''}
        {data?.supersededById ? (
          <strong className="govuk-tag govuk-tag--grey govuk-!-margin-left-2">Superseded</strong>
        ) : null}
      </h4>
      {statement.sources.length > 0 ? (
        <>
          <p className="govuk-body-s">Worked out from these returns (recompute it from the same files):</p>
          <ul className="govuk-list govuk-list--bullet govuk-body-s" data-testid="statement-sources">
            {statement.sources.map((s) => (
              <li key={s.submissionId}>
                Submission {s.submissionId}: {s.kind === 'ssda903' ? 'SSDA903' : 'CSWW'} {yearLabel(s.collectionYear)},
                council {s.councilCode}
                {s.practiceId ? `, practice ${s.practiceId}` : ''}; content SHA-256{' '}
                <code style={{ wordBreak: 'break-all' }}>{s.contentHash}</code>
              </li>
            ))}
          </ul>
        </>
      ) : (
        <p className="govuk-body-s">No return is named: the figures carried no submission.</p>
      )}

      <h4 className="govuk-heading-s">Disputes</h4>
      {disputes.state.status === 'error' ? (
        <LoadError what="the disputes" error={disputes.state.error} onRetry={load} />
      ) : null}
      {data && data.disputes.length === 0 ? (
        <p className="govuk-body-s">No line of this statement is disputed.</p>
      ) : null}
      {data?.disputes.map((d) => (
        <div key={d.id} className="govuk-inset-text" data-testid="dispute" data-state={d.state}>
          <p className="govuk-body">
            <strong>{titles.get(d.indicatorId) ?? d.indicatorId}</strong>{' '}
            <strong className={`govuk-tag ${STATES[d.state].tag}`}>{STATES[d.state].text}</strong>
          </p>
          <ol className="govuk-list govuk-body-s">
            {d.events.map((e) => (
              <li key={`${e.kind}-${e.at}`}>
                {new Date(e.at).toLocaleString('en-GB', { dateStyle: 'medium', timeStyle: 'short' })},{' '}
                {e.party === 'practice' ? 'practice' : 'council'} ({e.author})
                {e.kind === 'answered' ? `, ${e.resolution === 'UPHELD' ? 'upheld' : 'rejected'}` : ', raised'}:{' '}
                {e.message}
              </li>
            ))}
          </ol>
          {canManage && d.state === 'OPEN' ? (
            <form
              onSubmit={(ev) => {
                ev.preventDefault();
                const resolution = (ev.nativeEvent as SubmitEvent).submitter?.getAttribute(
                  'value',
                ) as DisputeResolution;
                void answer.run({ disputeId: d.id, resolution, message: reply[d.id] ?? '' }).then((r) => {
                  if (r) load();
                });
              }}
            >
              <Message
                id={`${prefix}-answer-${d.id}`}
                label="Your answer"
                value={reply[d.id] ?? ''}
                onChange={(v) => setReply({ ...reply, [d.id]: v })}
              />
              <div className="govuk-button-group">
                <button type="submit" value="UPHELD" className="govuk-button">
                  Uphold
                </button>
                <button type="submit" value="REJECTED" className="govuk-button govuk-button--warning">
                  Reject
                </button>
              </div>
            </form>
          ) : null}
        </div>
      ))}
      {failed?.status === 'error' ? <LoadError what="the change" error={failed.error} /> : null}

      {role === 'practice' && data ? (
        <form
          onSubmit={(ev) => {
            ev.preventDefault();
            void raise.run({ statementId: id, indicatorId: line, message: why }).then((r) => {
              if (r) {
                setWhy('');
                load();
              }
            });
          }}
        >
          <SelectField
            id={`${prefix}-line`}
            label="Line to dispute"
            value={line}
            options={statement.lines.map((l) => ({ value: l.indicatorId, text: l.title }))}
            onChange={setLine}
          />
          <Message id={`${prefix}-why`} label="Why you dispute it" value={why} onChange={setWhy} />
          <button type="submit" className="govuk-button govuk-button--secondary">
            Raise dispute
          </button>
        </form>
      ) : null}

      {canManage && data && !data.supersededById ? (
        <details className="govuk-details">
          <summary className="govuk-details__summary">
            <span className="govuk-details__summary-text">Re-issue this statement</span>
          </summary>
          <div className="govuk-details__text">
            <p className="govuk-body-s">
              An issued statement is never edited: a re-issue is a new revision, worked out from the figures as they
              stand now, and this one is kept.
            </p>
            <form
              onSubmit={(ev) => {
                ev.preventDefault();
                void reissue.run({ statementId: id, reason }).then((r) => {
                  if (r) onChanged();
                });
              }}
            >
              <Message id={`${prefix}-reason`} label="Why it is re-issued" value={reason} onChange={setReason} />
              <button type="submit" className="govuk-button govuk-button--warning">
                Re-issue as a new revision
              </button>
            </form>
          </div>
        </details>
      ) : null}
    </section>
  );
}

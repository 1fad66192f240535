import { useEffect, useMemo, useRef, useState, type FormEvent } from 'react';
import { useSession, type Session } from '../../auth/session';
import { ErrorSummary } from '../../components/ErrorSummary';
import { Empty, LoadError, Loading } from '../../components/States';
import { numeric, TableHead } from '../../components/TableHead';
import { csvFileName } from '../../figures/csv';
import { DownloadCsv } from '../../figures/DownloadCsv';
import { clearQueryCache, useQuery } from '../../graphql/useQuery';
import { RETURNS_COUNCIL_QUERY, RETURNS_PRACTICE_QUERY } from './queries';
import { Reconciliation } from './Reconciliation';
import { SubmissionHistory } from './SubmissionHistory';
import { uploadReturn, UploadError, type ReturnIssue, type ReturnProgress, type ReturnResult } from './upload';

type Kind = 'ssda903' | 'csww';

const KINDS: Record<Kind, { label: string; hint: string; accept: string }> = {
  ssda903: {
    label: 'Children looked after (SSDA903)',
    hint: 'The CSV tables (Header, Episodes, Reviews, ...) or the XML file, for the year to 31 March.',
    accept: '.csv,.xml,text/csv,application/xml,text/xml',
  },
  csww: {
    label: "Children's social work workforce census (CSWW)",
    hint: 'The census XML file, at 30 September.',
    accept: '.xml,application/xml,text/xml',
  },
};

/** Collection years to offer: the latest complete one and four before it (named by the year they end). */
function collectionYears(kind: Kind, today: Date): number[] {
  const year = today.getFullYear();
  // SSDA903: a year to 31 March; CSWW: a census at 30 September.
  const latest =
    kind === 'ssda903' ? (today.getMonth() >= 3 ? year : year - 1) : today.getMonth() >= 9 ? year : year - 1;
  return [0, 1, 2, 3, 4].map((n) => latest - n);
}

function yearLabel(kind: Kind, year: number): string {
  return kind === 'ssda903' ? `${year - 1} to ${year} (year to 31 March ${year})` : `30 September ${year}`;
}

type Phase =
  | { step: 'idle' }
  | { step: 'sending'; sent: number; total: number; progress: ReturnProgress[] }
  | { step: 'done'; result: ReturnResult; progress: ReturnProgress[] }
  | { step: 'failed'; message: string; progress: ReturnProgress[] };

/**
 * Returns: a council or practice uploads an SSDA903 or workforce census return, watches it being
 * checked and imported, and reads every error with its file, row, column and DfE rule.
 */
export default function ReturnsPage() {
  const session = useSession();
  useEffect(() => {
    document.title = 'Returns - Continuity data hub';
  }, []);
  if (!session) return null;
  const role = session.user.role;
  const orgId = session.user.organisation?.id ?? '';
  return (
    <>
      <h1 className="govuk-heading-xl">Send a return</h1>
      <p className="govuk-body-l">
        Upload your children looked after (SSDA903) or workforce census return. It is checked against DfE&rsquo;s
        validation rules for its collection year; a return with errors is not imported, and every error is listed with
        where it is.
      </p>
      {role === 'council' ? <CouncilTarget code={orgId} session={session} /> : null}
      {role === 'council' ? <Reconciliation code={orgId} /> : null}
      {role === 'practice' ? <PracticeTarget id={orgId} session={session} /> : null}
      {role !== 'council' && role !== 'practice' ? <Empty>Only councils and practices send returns.</Empty> : null}
    </>
  );
}

function CouncilTarget({ code, session }: { code: string; session: Session }) {
  const state = useQuery(
    RETURNS_COUNCIL_QUERY,
    useMemo(() => ({ code }), [code]),
  );
  if (state.status === 'loading' || state.status === 'idle') return <Loading>Loading your council…</Loading>;
  if (state.status === 'error') return <LoadError what="your council" error={state.error} onRetry={state.retry} />;
  const council = state.data.council;
  if (!council) return <Empty>Your council ({code}) is not known to the data service.</Empty>;
  return (
    <ReturnForm
      session={session}
      councils={[{ code: council.code, name: council.name }]}
      practices={council.practices}
      fixedPractice={null}
    />
  );
}

function PracticeTarget({ id, session }: { id: string; session: Session }) {
  const state = useQuery(
    RETURNS_PRACTICE_QUERY,
    useMemo(() => ({ id }), [id]),
  );
  if (state.status === 'loading' || state.status === 'idle') return <Loading>Loading your practice…</Loading>;
  if (state.status === 'error') return <LoadError what="your practice" error={state.error} onRetry={state.retry} />;
  const practice = state.data.practice;
  if (!practice) return <Empty>Your practice ({id}) is not known to the data service.</Empty>;
  if (practice.councils.length === 0)
    return <Empty>{practice.name} does not serve a council yet, so it cannot send a return.</Empty>;
  return (
    <ReturnForm
      session={session}
      councils={practice.councils}
      practices={[]}
      fixedPractice={{ id: practice.id, name: practice.name }}
    />
  );
}

interface Errors {
  kind?: string;
  files?: string;
}

function ReturnForm({
  session,
  councils,
  practices,
  fixedPractice,
}: {
  session: Session;
  councils: { code: string; name: string }[];
  practices: { id: string; name: string }[];
  fixedPractice: { id: string; name: string } | null;
}) {
  const [kind, setKind] = useState<Kind | ''>('');
  const [councilCode, setCouncilCode] = useState(councils[0]?.code ?? '');
  const [practiceId, setPracticeId] = useState(fixedPractice?.id ?? '');
  const years = collectionYears(kind === '' ? 'ssda903' : kind, new Date());
  const [year, setYear] = useState<string>('');
  const [files, setFiles] = useState<File[]>([]);
  const [errors, setErrors] = useState<Errors>({});
  const [phase, setPhase] = useState<Phase>({ step: 'idle' });
  // Bumped after each upload, so the history (from the data service) is asked for again.
  const [historyVersion, setHistoryVersion] = useState(0);
  const resultRef = useRef<HTMLDivElement>(null);
  const fileInput = useRef<HTMLInputElement>(null);
  const hasErrors = Boolean(errors.kind || errors.files);
  const chosenYear = year === '' ? (years[0] ?? new Date().getFullYear()) : Number(year);

  useEffect(() => {
    document.title = `${hasErrors ? 'Error: ' : ''}Returns - Continuity data hub`;
  }, [hasErrors]);
  useEffect(() => {
    if (phase.step === 'done' || phase.step === 'failed') resultRef.current?.focus();
  }, [phase.step]);

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const found: Errors = {};
    if (kind === '') found.kind = 'Select the kind of return';
    if (files.length === 0) found.files = 'Select the files of the return';
    setErrors(found);
    if (found.kind || found.files || kind === '') return;

    const form = new FormData();
    form.append('kind', kind);
    form.append('councilCode', councilCode);
    if (practiceId) form.append('practiceId', practiceId);
    form.append('collectionYear', String(chosenYear));
    for (const file of files) form.append('files', file, file.name);

    const progress: ReturnProgress[] = [];
    setPhase({ step: 'sending', sent: 0, total: files.reduce((n, f) => n + f.size, 0), progress });
    try {
      const result = await uploadReturn(form, session.token, {
        onUpload: (sent, total) =>
          setPhase((p) => (p.step === 'sending' ? { ...p, sent, total: total || p.total } : p)),
        onLine: (line) => {
          if (line.type === 'progress') {
            progress.push(line.progress);
            setPhase((p) => (p.step === 'sending' ? { ...p, progress: [...progress] } : p));
          }
        },
      });
      // An accepted return changes computed figures: forget cached answers.
      if (result.status === 'accepted') clearQueryCache();
      setPhase({ step: 'done', result, progress: [...progress] });
    } catch (error) {
      const message = error instanceof UploadError ? error.message : 'The return could not be sent.';
      setPhase({ step: 'failed', message, progress: [...progress] });
    } finally {
      setHistoryVersion((n) => n + 1);
    }
  }

  const sending = phase.step === 'sending';
  return (
    <>
      <form method="post" action="" encType="multipart/form-data" noValidate onSubmit={(e) => void submit(e)}>
        <ErrorSummary
          focusKey={errors}
          problems={[
            { href: '#return-kind', message: errors.kind },
            { href: '#return-files', message: errors.files },
          ]}
        />

        <div className={`govuk-form-group${errors.kind ? ' govuk-form-group--error' : ''}`}>
          <fieldset className="govuk-fieldset" aria-describedby={errors.kind ? 'return-kind-error' : undefined}>
            <legend className="govuk-fieldset__legend govuk-fieldset__legend--m">Which return is it?</legend>
            {errors.kind ? (
              <p id="return-kind-error" className="govuk-error-message">
                <span className="govuk-visually-hidden">Error:</span> {errors.kind}
              </p>
            ) : null}
            <div className="govuk-radios" data-module="govuk-radios">
              {(Object.keys(KINDS) as Kind[]).map((k, index) => (
                <div className="govuk-radios__item" key={k}>
                  <input
                    className="govuk-radios__input"
                    id={index === 0 ? 'return-kind' : `return-kind-${k}`}
                    name="kind"
                    type="radio"
                    value={k}
                    checked={kind === k}
                    onChange={() => {
                      setKind(k);
                      setYear('');
                    }}
                    aria-describedby={`return-kind-${k}-hint`}
                  />
                  <label
                    className="govuk-label govuk-radios__label"
                    htmlFor={index === 0 ? 'return-kind' : `return-kind-${k}`}
                  >
                    {KINDS[k].label}
                  </label>
                  <div id={`return-kind-${k}-hint`} className="govuk-hint govuk-radios__hint">
                    {KINDS[k].hint}
                  </div>
                </div>
              ))}
            </div>
          </fieldset>
        </div>

        {councils.length === 1 ? (
          <p className="govuk-body" id="return-council-name">
            <strong>Council:</strong> {councils[0]?.name} ({councils[0]?.code})
          </p>
        ) : (
          <div className="govuk-form-group">
            <label className="govuk-label govuk-label--s" htmlFor="return-council">
              Council
            </label>
            <select
              className="govuk-select"
              id="return-council"
              name="councilCode"
              value={councilCode}
              onChange={(e) => setCouncilCode(e.target.value)}
            >
              {councils.map((c) => (
                <option key={c.code} value={c.code}>
                  {c.name} ({c.code})
                </option>
              ))}
            </select>
          </div>
        )}

        {fixedPractice ? (
          <p className="govuk-body">
            <strong>Practice:</strong> {fixedPractice.name}
          </p>
        ) : practices.length > 0 ? (
          <div className="govuk-form-group">
            <label className="govuk-label govuk-label--s" htmlFor="return-practice">
              For a practice (optional)
            </label>
            <div className="govuk-hint" id="return-practice-hint">
              Choose the practice when the return holds only the children it works with.
            </div>
            <select
              className="govuk-select"
              id="return-practice"
              name="practiceId"
              aria-describedby="return-practice-hint"
              value={practiceId}
              onChange={(e) => setPracticeId(e.target.value)}
            >
              <option value="">The whole council</option>
              {practices.map((p) => (
                <option key={p.id} value={p.id}>
                  {p.name}
                </option>
              ))}
            </select>
          </div>
        ) : null}

        <div className="govuk-form-group">
          <label className="govuk-label govuk-label--s" htmlFor="return-year">
            Collection year
          </label>
          <select
            className="govuk-select"
            id="return-year"
            name="collectionYear"
            value={String(chosenYear)}
            onChange={(e) => setYear(e.target.value)}
          >
            {years.map((y) => (
              <option key={y} value={String(y)}>
                {yearLabel(kind === '' ? 'ssda903' : kind, y)}
              </option>
            ))}
          </select>
        </div>

        <div className={`govuk-form-group${errors.files ? ' govuk-form-group--error' : ''}`}>
          <label className="govuk-label govuk-label--s" htmlFor="return-files">
            Files
          </label>
          <div className="govuk-hint" id="return-files-hint">
            {kind === '' ? 'CSV or XML files.' : KINDS[kind].hint} You can choose more than one file.
          </div>
          {errors.files ? (
            <p id="return-files-error" className="govuk-error-message">
              <span className="govuk-visually-hidden">Error:</span> {errors.files}
            </p>
          ) : null}
          <input
            ref={fileInput}
            className={`govuk-file-upload${errors.files ? ' govuk-file-upload--error' : ''}`}
            id="return-files"
            name="files"
            type="file"
            multiple
            accept={kind === '' ? '.csv,.xml' : KINDS[kind].accept}
            aria-describedby={`return-files-hint${errors.files ? ' return-files-error' : ''}`}
            onChange={(e) => setFiles(Array.from(e.target.files ?? []))}
          />
          {files.length > 0 ? (
            <p className="govuk-body-s app-muted">
              {files.length} {files.length === 1 ? 'file' : 'files'} chosen: {files.map((f) => f.name).join(', ')}
            </p>
          ) : null}
        </div>

        <button
          type="submit"
          className="govuk-button"
          data-module="govuk-button"
          disabled={sending}
          aria-disabled={sending}
        >
          {sending ? 'Sending…' : 'Send return'}
        </button>
      </form>

      <Progress phase={phase} />
      <div ref={resultRef} tabIndex={-1} className="app-result-focus">
        {phase.step === 'done' ? <Result result={phase.result} /> : null}
        {phase.step === 'failed' ? (
          <div className="govuk-error-summary" data-testid="upload-failed">
            <div role="alert">
              <h2 className="govuk-error-summary__title">The return was not sent</h2>
              <div className="govuk-error-summary__body">
                <p className="govuk-body">{phase.message}</p>
              </div>
            </div>
          </div>
        ) : null}
      </div>
      <SubmissionHistory token={session.token} version={historyVersion} />
    </>
  );
}

function Progress({ phase }: { phase: Phase }) {
  if (phase.step === 'idle') return null;
  const last = phase.progress[phase.progress.length - 1];
  const percent =
    phase.step === 'sending' && phase.total > 0 ? Math.min(100, Math.round((phase.sent / phase.total) * 100)) : 100;
  const uploading = phase.step === 'sending' && percent < 100 && phase.progress.length === 0;
  return (
    <section aria-labelledby="progress-heading" className="app-progress">
      <h2 className="govuk-heading-m" id="progress-heading">
        Progress
      </h2>
      <label className="govuk-label" htmlFor="upload-progress">
        {uploading
          ? `Uploading: ${percent}%`
          : phase.step === 'sending'
            ? 'Uploaded; the data service is checking the return'
            : 'Finished'}
      </label>
      <progress id="upload-progress" className="app-progress__bar" max={100} value={percent}>
        {percent}%
      </progress>
      <p className="govuk-body" role="status" aria-live="polite" data-testid="progress-status">
        {last
          ? `${last.message}${last.total ? ` (${last.done ?? 0} of ${last.total})` : ''}`
          : phase.step === 'sending'
            ? 'Sending the files…'
            : ''}
      </p>
      {phase.progress.length > 0 ? (
        <details className="govuk-details">
          <summary className="govuk-details__summary">
            <span className="govuk-details__summary-text">Every step ({phase.progress.length})</span>
          </summary>
          <div className="govuk-details__text">
            <ol className="govuk-list govuk-list--number govuk-body-s">
              {phase.progress.map((p, i) => (
                <li key={i}>
                  {p.phase}: {p.message}
                  {p.total ? ` (${p.done ?? 0} of ${p.total})` : ''}
                  {p.elapsedMs !== undefined ? `, ${(p.elapsedMs / 1000).toFixed(1)} s` : ''}
                </li>
              ))}
            </ol>
          </div>
        </details>
      ) : null}
    </section>
  );
}

function IssueTable({
  id,
  title,
  issues,
  total,
  fileName,
}: {
  id: string;
  title: string;
  issues: ReturnIssue[];
  total: number;
  fileName: string;
}) {
  const SHOWN = 200;
  const rows = [
    ['file', 'row', 'column', 'rule', 'severity', 'message', 'value', 'more'],
    ...issues.map((i) => [i.file, i.row, i.column, i.rule, i.severity, i.message, i.value, i.more ?? '']),
  ];
  // Summary lines, also listed above the table: the table shows only its first lines.
  const summaries = issues.filter((i) => i.more !== undefined);
  return (
    <section aria-labelledby={`${id}-title`}>
      <h3 className="govuk-heading-m" id={`${id}-title`}>
        {title} ({total.toLocaleString('en-GB')})
      </h3>
      {summaries.length > 0 ? (
        <div data-testid={`${id}-capped`}>
          <p className="govuk-body">
            Not every one is listed: a return keeps a limited number of each rule. Correct those listed and send the
            return again to see the rest. Not listed:
          </p>
          <ul className="govuk-list govuk-list--bullet">
            {summaries.map((i) => (
              <li key={`${i.severity}:${i.rule}`}>
                Rule {i.rule}: {(i.more ?? 0).toLocaleString('en-GB')} more
              </li>
            ))}
          </ul>
        </div>
      ) : null}
      <div className="app-table-scroll" role="region" aria-labelledby={`${id}-caption`} tabIndex={0}>
        <table className="govuk-table app-data-table" data-testid={id}>
          <caption className="govuk-table__caption govuk-visually-hidden" id={`${id}-caption`}>
            {title}, with the file, row, column and DfE rule of each
          </caption>
          <TableHead columns={['File', numeric('Row'), 'Column', 'Rule', 'What is wrong', 'Value']} />
          <tbody className="govuk-table__body">
            {issues.slice(0, SHOWN).map((i, n) =>
              i.more !== undefined ? (
                <tr className="govuk-table__row" key={n} data-more={i.more}>
                  <td className="govuk-table__cell">{i.file || 'The return'}</td>
                  <td className="govuk-table__cell govuk-table__cell--numeric">Not listed</td>
                  <td className="govuk-table__cell">-</td>
                  <td className="govuk-table__cell">{i.rule}</td>
                  <td className="govuk-table__cell app-wrap">
                    <strong>{i.message}</strong>
                  </td>
                  <td className="govuk-table__cell">-</td>
                </tr>
              ) : (
                <tr className="govuk-table__row" key={n}>
                  <td className="govuk-table__cell">{i.file || 'The return'}</td>
                  <td className="govuk-table__cell govuk-table__cell--numeric">{i.row === 0 ? 'Whole file' : i.row}</td>
                  <td className="govuk-table__cell">{i.column || '-'}</td>
                  <td className="govuk-table__cell">{i.rule}</td>
                  <td className="govuk-table__cell app-wrap">{i.message}</td>
                  <td className="govuk-table__cell">
                    {i.value === '' ? <span className="app-muted">blank</span> : i.value}
                  </td>
                </tr>
              ),
            )}
          </tbody>
        </table>
      </div>
      {issues.length > SHOWN ? (
        <p className="govuk-body">
          The first {SHOWN} lines are shown; the download has all {issues.length}.
        </p>
      ) : null}
      <DownloadCsv rows={rows} fileName={fileName} label={`Download the ${title.toLowerCase()}`} />
    </section>
  );
}

function Result({ result }: { result: ReturnResult }) {
  const counts = Object.entries(result.counts);
  return (
    <section
      aria-labelledby="result-heading"
      className="app-results"
      data-testid="return-result"
      data-status={result.status}
    >
      {result.status === 'accepted' ? (
        <div className="govuk-panel govuk-panel--confirmation">
          <h2 className="govuk-panel__title" id="result-heading">
            Return accepted
          </h2>
          <div className="govuk-panel__body">
            Submission <strong>{String(result.submissionId)}</strong>
          </div>
        </div>
      ) : result.status === 'unchanged' ? (
        <>
          <h2 className="govuk-heading-l" id="result-heading">
            Nothing changed
          </h2>
          <div className="govuk-inset-text">
            These files are the same as the return already held (submission {String(result.submissionId)}), so nothing
            was imported again.
          </div>
        </>
      ) : (
        <>
          <h2 className="govuk-heading-l" id="result-heading">
            Return rejected: {result.errorTotal.toLocaleString('en-GB')} {result.errorTotal === 1 ? 'error' : 'errors'}
          </h2>
          <div className="govuk-warning-text">
            <span className="govuk-warning-text__icon" aria-hidden="true">
              !
            </span>
            <strong className="govuk-warning-text__text">
              <span className="govuk-visually-hidden">Warning</span>
              Nothing was imported. Correct the errors below in your system and send the whole return again.
            </strong>
          </div>
        </>
      )}
      {counts.length > 0 ? (
        <dl className="govuk-summary-list govuk-summary-list--no-border app-counts">
          {counts.map(([table, n]) => (
            <div className="govuk-summary-list__row" key={table}>
              <dt className="govuk-summary-list__key">{table}</dt>
              <dd className="govuk-summary-list__value">
                {n.toLocaleString('en-GB')} {n === 1 ? 'row' : 'rows'} read
              </dd>
            </div>
          ))}
        </dl>
      ) : null}
      {result.errors.length > 0 ? (
        <IssueTable
          id="return-errors"
          title="Errors"
          issues={result.errors}
          total={result.errorTotal}
          fileName={csvFileName('return', result.submissionId ?? 'new', 'errors')}
        />
      ) : null}
      {result.warnings.length > 0 ? (
        <IssueTable
          id="return-warnings"
          title="Warnings"
          issues={result.warnings}
          total={result.warningTotal}
          fileName={csvFileName('return', result.submissionId ?? 'new', 'warnings')}
        />
      ) : null}
    </section>
  );
}

/** Organisations (admin only): the Department, councils and practices users belong to; add one. */
import { useState } from 'react';
import { ErrorSummary, type FormProblem } from '../../components/ErrorSummary';
import { LoadError, Loading } from '../../components/States';
import { TableHead } from '../../components/TableHead';
import type { OrganisationKind } from '../../graphql/generated';
import { SelectField, TextField } from '../payments/fields';
import { useRun } from '../payments/parts';
import { KIND_LABELS } from './labels';
import { Done, refusal } from './parts';
import { CREATE_ORGANISATION_MUTATION, DIRECTORY_QUERY } from './queries';
import { useFresh } from './useFresh';
import { AdminNav } from './AdminNav';

const KINDS = Object.keys(KIND_LABELS) as OrganisationKind[];

const SUBJECT_HINTS: Readonly<Record<OrganisationKind, string>> = {
  DEPARTMENT: 'A short lower-case name, like dfe.',
  COUNCIL: "The council's 3-digit DfE code, like 886 for Kent.",
  PRACTICE: "The practice's id, like swp-kent.",
};

export default function OrganisationsPage() {
  const [version, setVersion] = useState(0);
  const [done, setDone] = useState<string | null>(null);
  const directory = useFresh(DIRECTORY_QUERY, {}, version);
  return (
    <>
      <AdminNav />
      <h1 className="govuk-heading-xl">Organisations</h1>
      <p className="govuk-body">
        Every user belongs to one: the Department, a council or a social work practice. A council or practice must
        already be known to the service.
      </p>
      <Done message={done} />
      {directory.status === 'loading' ? <Loading>Loading organisations…</Loading> : null}
      {directory.status === 'error' ? (
        <LoadError what="the organisations" error={directory.error} onRetry={directory.retry} />
      ) : null}
      {directory.status === 'success' ? (
        <>
          <div className="app-table-scroll" role="region" aria-labelledby="organisations-caption" tabIndex={0}>
            <table className="govuk-table" data-testid="organisations">
              <caption className="govuk-table__caption govuk-table__caption--m" id="organisations-caption">
                Organisations, by kind and name
              </caption>
              <TableHead columns={['Name', 'Kind', 'Code', 'Users']} />
              <tbody className="govuk-table__body">
                {directory.data.organisations.map((o) => (
                  <tr className="govuk-table__row" key={o.id} data-organisation={o.id}>
                    <th scope="row" className="govuk-table__header">
                      {o.name}
                    </th>
                    <td className="govuk-table__cell">{KIND_LABELS[o.kind]}</td>
                    <td className="govuk-table__cell">{o.subjectId ?? o.id}</td>
                    <td className="govuk-table__cell">
                      {directory.data.users.filter((u) => u.organisation.id === o.id).length}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <AddOrganisation
            onChanged={(message) => {
              setDone(message);
              setVersion((n) => n + 1);
            }}
          />
        </>
      ) : null}
    </>
  );
}

function AddOrganisation({ onChanged }: { onChanged: (message: string) => void }) {
  const create = useRun(CREATE_ORGANISATION_MUTATION);
  const [kind, setKind] = useState<OrganisationKind>('PRACTICE');
  const [subjectId, setSubjectId] = useState('');
  const [name, setName] = useState('');
  const [problems, setProblems] = useState<FormProblem[]>([]);
  const errors = problems.map((p) => ({ field: p.href.slice(1), message: p.message ?? '' }));

  const submit = async (event: React.FormEvent) => {
    event.preventDefault();
    const found: FormProblem[] = [];
    if (subjectId.trim() === '') found.push({ href: '#organisation-code', message: 'Enter the code' });
    if (name.trim() === '') found.push({ href: '#organisation-name', message: 'Enter the name' });
    setProblems(found);
    if (found.length > 0) return;
    const result = await create.run({ input: { kind, subjectId: subjectId.trim(), name: name.trim() } });
    if (!result) return;
    setSubjectId('');
    setName('');
    onChanged(`${result.createOrganisation.name} is added.`);
  };
  const shown =
    create.state.status === 'error'
      ? [
          refusal(
            create.state.error,
            { subjectId: 'organisation-code', name: 'organisation-name', kind: 'organisation-kind' },
            'organisation-code',
          ),
        ]
      : problems;

  return (
    <section aria-labelledby="add-organisation-heading" className="app-results">
      <h2 className="govuk-heading-l" id="add-organisation-heading">
        Add an organisation
      </h2>
      <ErrorSummary problems={shown} focusKey={shown} />
      <form onSubmit={submit} noValidate>
        <SelectField
          id="organisation-kind"
          label="Kind"
          value={kind}
          options={KINDS.map((k) => ({ value: k, text: KIND_LABELS[k] }))}
          onChange={(v) => {
            setKind(v as OrganisationKind);
            create.reset();
          }}
        />
        <TextField
          id="organisation-code"
          label="Code"
          hint={SUBJECT_HINTS[kind]}
          value={subjectId}
          errors={errors}
          onChange={setSubjectId}
        />
        <TextField
          id="organisation-name"
          label="Name"
          value={name}
          errors={errors}
          onChange={setName}
          width="govuk-input--width-20"
        />
        <button type="submit" className="govuk-button" disabled={create.state.status === 'running'}>
          Add organisation
        </button>
      </form>
    </section>
  );
}

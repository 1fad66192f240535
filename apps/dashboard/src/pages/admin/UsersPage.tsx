/**
 * Users (admin only): every user with their role, organisation and status; disable or enable one;
 * move one to another organisation; add one. Every change goes through the API's admin mutations,
 * which check and audit it.
 */
import { useState } from 'react';
import { ErrorSummary, type FormProblem } from '../../components/ErrorSummary';
import { LoadError, Loading } from '../../components/States';
import { TableHead } from '../../components/TableHead';
import type { AdminDirectoryQuery, Role } from '../../graphql/generated';
import { SelectField, TextField } from '../payments/fields';
import { useRun } from '../payments/parts';
import { KIND_LABELS, ROLE_KIND, ROLE_LABELS } from './labels';
import { Done, refusal } from './parts';
import { CREATE_USER_MUTATION, DIRECTORY_QUERY, MOVE_USER_MUTATION, SET_DISABLED_MUTATION } from './queries';
import { useFresh } from './useFresh';
import { AdminNav } from './AdminNav';

type Directory = AdminDirectoryQuery;
type User = Directory['users'][number];
type Organisation = Directory['organisations'][number];

const ROLES = Object.keys(ROLE_LABELS) as Role[];

const orgText = (o: Organisation) => `${o.name} (${KIND_LABELS[o.kind]})`;

export default function UsersPage() {
  const [version, setVersion] = useState(0);
  const [done, setDone] = useState<string | null>(null);
  const directory = useFresh(DIRECTORY_QUERY, {}, version);
  const changed = (message: string) => {
    setDone(message);
    setVersion((n) => n + 1);
  };

  return (
    <>
      <AdminNav />
      <h1 className="govuk-heading-xl">Users</h1>
      <p className="govuk-body">
        Everyone who can sign in. A disabled user's sign-in stops working from their next request; so does a moved
        user's until they sign in again. Every change is recorded in the audit log.
      </p>
      <Done message={done} />
      {directory.status === 'loading' ? <Loading>Loading users…</Loading> : null}
      {directory.status === 'error' ? (
        <LoadError what="the users" error={directory.error} onRetry={directory.retry} />
      ) : null}
      {directory.status === 'success' ? (
        <>
          <UsersTable users={directory.data.users} onChanged={changed} />
          <MoveUser directory={directory.data} onChanged={changed} />
          <AddUser organisations={directory.data.organisations} onChanged={changed} />
        </>
      ) : null}
    </>
  );
}

function UsersTable({ users, onChanged }: { users: readonly User[]; onChanged: (message: string) => void }) {
  const toggle = useRun(SET_DISABLED_MUTATION);
  const [problem, setProblem] = useState<string | null>(null);
  const flip = async (user: User) => {
    setProblem(null);
    const result = await toggle.run({ id: user.id, disabled: !user.disabled });
    if (result) onChanged(`${user.name} is ${result.setUserDisabled.disabled ? 'disabled' : 'enabled'}.`);
    else setProblem(`${user.name} could not be ${user.disabled ? 'enabled' : 'disabled'}. Try again.`);
  };
  return (
    <>
      {problem ? (
        <div className="govuk-error-summary" role="alert">
          <h2 className="govuk-error-summary__title">There is a problem</h2>
          <p className="govuk-body govuk-!-margin-bottom-0">{problem}</p>
        </div>
      ) : null}
      <div className="app-table-scroll" role="region" aria-labelledby="users-caption" tabIndex={0}>
        <table className="govuk-table" data-testid="users">
          <caption className="govuk-table__caption govuk-table__caption--m" id="users-caption">
            Users, by name
          </caption>
          <TableHead columns={['Name', 'Email', 'Role', 'Organisation', 'Status', 'Action']} />
          <tbody className="govuk-table__body">
            {users.map((user) => (
              <tr className="govuk-table__row" key={user.id} data-user={user.id}>
                <th scope="row" className="govuk-table__header">
                  {user.name}
                </th>
                <td className="govuk-table__cell">{user.email}</td>
                <td className="govuk-table__cell">{ROLE_LABELS[user.role]}</td>
                <td className="govuk-table__cell">{user.organisation.name}</td>
                <td className="govuk-table__cell">
                  {user.disabled ? (
                    <strong className="govuk-tag govuk-tag--grey">Disabled</strong>
                  ) : (
                    <strong className="govuk-tag govuk-tag--green">Active</strong>
                  )}
                </td>
                <td className="govuk-table__cell">
                  <button
                    type="button"
                    className={`govuk-button govuk-!-margin-bottom-0 ${user.disabled ? '' : 'govuk-button--warning'}`}
                    disabled={toggle.state.status === 'running'}
                    onClick={() => flip(user)}
                  >
                    {user.disabled ? 'Enable' : 'Disable'}
                    <span className="govuk-visually-hidden"> {user.name}</span>
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </>
  );
}

function MoveUser({ directory, onChanged }: { directory: Directory; onChanged: (message: string) => void }) {
  const move = useRun(MOVE_USER_MUTATION);
  const [userId, setUserId] = useState(directory.users[0]?.id ?? '');
  const user = directory.users.find((u) => u.id === userId);
  const suitable = directory.organisations.filter((o) => user && o.kind === ROLE_KIND[user.role]);
  const [chosen, setChosen] = useState('');
  const organisationId = suitable.some((o) => o.id === chosen)
    ? chosen
    : (suitable.find((o) => o.id !== user?.organisation.id)?.id ?? suitable[0]?.id ?? '');
  const [problems, setProblems] = useState<FormProblem[]>([]);

  const submit = async (event: React.FormEvent) => {
    event.preventDefault();
    if (!user) return;
    if (organisationId === user.organisation.id) {
      setProblems([
        { href: '#move-organisation', message: `${user.name} already belongs to that organisation: choose another` },
      ]);
      return;
    }
    const result = await move.run({ id: user.id, organisationId });
    if (!result) return;
    setProblems([]);
    onChanged(`${user.name} now belongs to ${result.setUserOrganisation.organisation.name}.`);
  };
  const shown =
    move.state.status === 'error'
      ? [refusal(move.state.error, { organisationId: 'move-organisation', id: 'move-user' }, 'move-user')]
      : problems;

  return (
    <section aria-labelledby="move-heading" className="app-results">
      <h2 className="govuk-heading-l" id="move-heading">
        Change a user's organisation
      </h2>
      <p className="govuk-body">
        A user can move only to an organisation of the kind their role needs: policy staff and administrators belong to
        the Department.
      </p>
      <ErrorSummary problems={shown} focusKey={shown} />
      <form onSubmit={submit} noValidate>
        <SelectField
          id="move-user"
          label="User"
          value={userId}
          options={directory.users.map((u) => ({
            value: u.id,
            text: `${u.name} (${ROLE_LABELS[u.role]}, ${u.organisation.name})`,
          }))}
          onChange={(v) => {
            setUserId(v);
            setProblems([]);
            move.reset();
          }}
        />
        <SelectField
          id="move-organisation"
          label="New organisation"
          value={organisationId}
          options={suitable.map((o) => ({ value: o.id, text: orgText(o) }))}
          onChange={setChosen}
        />
        <button type="submit" className="govuk-button" disabled={move.state.status === 'running'}>
          Change organisation
        </button>
      </form>
    </section>
  );
}

interface UserDraft {
  id: string;
  name: string;
  email: string;
  role: Role;
  organisationId: string;
}

function AddUser({
  organisations,
  onChanged,
}: {
  organisations: readonly Organisation[];
  onChanged: (message: string) => void;
}) {
  const create = useRun(CREATE_USER_MUTATION);
  const [draft, setDraft] = useState<UserDraft>({ id: '', name: '', email: '', role: 'COUNCIL', organisationId: '' });
  const [problems, setProblems] = useState<FormProblem[]>([]);
  const suitable = organisations.filter((o) => o.kind === ROLE_KIND[draft.role]);
  const organisationId = suitable.some((o) => o.id === draft.organisationId)
    ? draft.organisationId
    : (suitable[0]?.id ?? '');
  const set = (change: Partial<UserDraft>) => setDraft((d) => ({ ...d, ...change }));
  const errors = problems.map((p) => ({ field: p.href.slice(1), message: p.message ?? '' }));

  const submit = async (event: React.FormEvent) => {
    event.preventDefault();
    const found: FormProblem[] = [];
    if (!/^[a-z0-9]+(-[a-z0-9]+)*$/.test(draft.id))
      found.push({
        href: '#user-id',
        message: 'Enter a user id of lower-case letters, digits and hyphens, like jo-smith',
      });
    if (draft.name.trim() === '') found.push({ href: '#user-name', message: 'Enter the user’s name' });
    if (!/^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(draft.email.trim()))
      found.push({
        href: '#user-email',
        message: 'Enter an email address in the correct format, like name@example.com',
      });
    if (!organisationId) found.push({ href: '#user-organisation', message: 'Add an organisation of this kind first' });
    setProblems(found);
    if (found.length > 0) return;
    const result = await create.run({ input: { ...draft, organisationId } });
    if (!result) return;
    setDraft({ id: '', name: '', email: '', role: draft.role, organisationId });
    onChanged(`${result.createUser.name} can now sign in.`);
  };
  const shown =
    create.state.status === 'error'
      ? [
          refusal(
            create.state.error,
            {
              id: 'user-id',
              name: 'user-name',
              email: 'user-email',
              role: 'user-role',
              organisationId: 'user-organisation',
              input: 'user-id',
            },
            'user-id',
          ),
        ]
      : problems;

  return (
    <section aria-labelledby="add-user-heading" className="app-results">
      <h2 className="govuk-heading-l" id="add-user-heading">
        Add a user
      </h2>
      <ErrorSummary problems={shown} focusKey={shown} />
      <form onSubmit={submit} noValidate>
        <TextField
          id="user-id"
          label="User id"
          hint="Lower-case letters, digits and hyphens; it cannot be changed later."
          value={draft.id}
          errors={errors}
          onChange={(v) => set({ id: v })}
          width="govuk-input--width-20"
        />
        <TextField
          id="user-name"
          label="Name"
          value={draft.name}
          errors={errors}
          onChange={(v) => set({ name: v })}
          width="govuk-input--width-20"
        />
        <TextField
          id="user-email"
          label="Email address"
          value={draft.email}
          errors={errors}
          onChange={(v) => set({ email: v })}
          width="govuk-input--width-20"
        />
        <SelectField
          id="user-role"
          label="Role"
          value={draft.role}
          options={ROLES.map((r) => ({ value: r, text: ROLE_LABELS[r] }))}
          onChange={(v) => set({ role: v as Role })}
        />
        <SelectField
          id="user-organisation"
          label="Organisation"
          value={organisationId}
          options={suitable.map((o) => ({ value: o.id, text: orgText(o) }))}
          onChange={(v) => set({ organisationId: v })}
        />
        <button type="submit" className="govuk-button" disabled={create.state.status === 'running'}>
          Add user
        </button>
      </form>
    </section>
  );
}

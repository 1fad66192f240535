import { useEffect, useState, type FormEvent } from 'react';
import { fetchDemoUsers, requestDemoToken } from '../../auth/api';
import { homePath, safeNext } from '../../auth/roles';
import { roleLabel, signIn, type DemoUser } from '../../auth/session';
import { ErrorSummary } from '../../components/ErrorSummary';
import { Empty, LoadError, Loading } from '../../components/States';
import { RequestError } from '../../graphql/client';
import { clearQueryCache } from '../../graphql/useQuery';
import { navigate, useLocation } from '../../router';

type UsersState =
  | { status: 'loading' }
  | { status: 'error'; error: RequestError }
  | { status: 'success'; users: DemoUser[] };

function describeOrganisation(user: DemoUser): string | null {
  if (!user.organisation) return null;
  return user.organisation.name ?? `${user.organisation.kind} ${user.organisation.id}`;
}

/**
 * Sign in as one of the gateway's demo users (GET /auth/demo-users). The token the gateway issues
 * (POST /auth/demo-token) is kept for this browser tab only and sent with every request.
 */
export default function SignInPage() {
  const { search } = useLocation();
  const next = safeNext(new URLSearchParams(search).get('next'));
  const expired = new URLSearchParams(search).get('expired') === '1';
  const [attempt, setAttempt] = useState(0);
  const [users, setUsers] = useState<UsersState>({ status: 'loading' });
  const [chosen, setChosen] = useState<string>('');
  const [fieldError, setFieldError] = useState<string | null>(null);
  const [submitError, setSubmitError] = useState<RequestError | null>(null);
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    document.title = `${fieldError ? 'Error: ' : ''}Sign in - Continuity data hub`;
  }, [fieldError]);

  useEffect(() => {
    const controller = new AbortController();
    setUsers({ status: 'loading' });
    fetchDemoUsers(controller.signal).then(
      (list) => setUsers({ status: 'success', users: list }),
      (error: unknown) => {
        if (controller.signal.aborted) return;
        setUsers({
          status: 'error',
          error: error instanceof RequestError ? error : new RequestError('network', String(error)),
        });
      },
    );
    return () => controller.abort();
  }, [attempt]);

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (users.status !== 'success') return;
    const user = users.users.find((u) => u.id === chosen);
    if (!user) {
      setFieldError('Select who to sign in as');
      return;
    }
    setFieldError(null);
    setSubmitError(null);
    setBusy(true);
    try {
      const token = await requestDemoToken(user.id);
      clearQueryCache();
      const session = signIn(token, user);
      navigate(next ?? homePath(session), { replace: true });
    } catch (error) {
      setSubmitError(error instanceof RequestError ? error : new RequestError('network', String(error)));
      setBusy(false);
    }
  }

  return (
    <div className="govuk-grid-row">
      <div className="govuk-grid-column-two-thirds-from-desktop">
        <ErrorSummary focusKey={fieldError} problems={[{ href: '#user-0', message: fieldError }]} />
        <h1 className="govuk-heading-xl">Sign in</h1>
        {expired ? <div className="govuk-inset-text">You have been signed out. Sign in again to carry on.</div> : null}
        <p className="govuk-body">
          This is a demonstration. Choose a demo user: each sees what their role and organisation may see.
          {next ? ' You will go back to the page you asked for.' : ''}
        </p>
        {users.status === 'loading' ? <Loading>Loading demo users…</Loading> : null}
        {users.status === 'error' ? (
          <LoadError what="the demo users" error={users.error} onRetry={() => setAttempt((n) => n + 1)} />
        ) : null}
        {users.status === 'success' && users.users.length === 0 ? (
          <Empty>There are no demo users to sign in as.</Empty>
        ) : null}
        {submitError ? <LoadError what="a sign-in token" error={submitError} /> : null}
        {users.status === 'success' && users.users.length > 0 ? (
          <form method="post" action="" noValidate onSubmit={(e) => void submit(e)}>
            <div className={`govuk-form-group${fieldError ? ' govuk-form-group--error' : ''}`}>
              <fieldset className="govuk-fieldset" aria-describedby={fieldError ? 'user-error' : undefined}>
                <legend className="govuk-fieldset__legend govuk-fieldset__legend--m">
                  <h2 className="govuk-fieldset__heading">Who are you signing in as?</h2>
                </legend>
                {fieldError ? (
                  <p id="user-error" className="govuk-error-message">
                    <span className="govuk-visually-hidden">Error:</span> {fieldError}
                  </p>
                ) : null}
                <div className="govuk-radios" data-module="govuk-radios">
                  {users.users.map((user, index) => {
                    const organisation = describeOrganisation(user);
                    return (
                      <div className="govuk-radios__item" key={user.id}>
                        <input
                          className="govuk-radios__input"
                          id={`user-${index}`}
                          name="userId"
                          type="radio"
                          value={user.id}
                          checked={chosen === user.id}
                          onChange={() => setChosen(user.id)}
                          aria-describedby={`user-${index}-hint`}
                        />
                        <label className="govuk-label govuk-radios__label" htmlFor={`user-${index}`}>
                          {user.name}
                        </label>
                        <div id={`user-${index}-hint`} className="govuk-hint govuk-radios__hint">
                          <strong>{user.title ?? roleLabel(user.role)}</strong>
                          {organisation && !user.title ? `, ${organisation}` : ''}. {user.description}
                        </div>
                      </div>
                    );
                  })}
                </div>
              </fieldset>
            </div>
            <button
              type="submit"
              className="govuk-button"
              data-module="govuk-button"
              disabled={busy}
              aria-disabled={busy}
            >
              {busy ? 'Signing in…' : 'Sign in'}
            </button>
          </form>
        ) : null}
      </div>
    </div>
  );
}

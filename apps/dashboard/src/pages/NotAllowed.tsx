import { useEffect } from 'react';
import { homePath } from '../auth/roles';
import { roleLabel, useSession } from '../auth/session';
import { Link } from '../components/Link';

/** A journey the signed-in role does not have. */
export default function NotAllowed() {
  const session = useSession();
  useEffect(() => {
    document.title = 'You cannot see this page - Continuity data hub';
  }, []);
  return (
    <>
      <h1 className="govuk-heading-l">You cannot see this page</h1>
      <p className="govuk-body">
        {session ? `You are signed in as ${session.user.name} (${roleLabel(session.user.role)}). ` : ''}
        This page is for other roles.
      </p>
      <p className="govuk-body">
        <Link className="govuk-link" href={homePath(session)}>
          Go to your start page
        </Link>{' '}
        or{' '}
        <Link className="govuk-link" href="/sign-out">
          sign in as someone else
        </Link>
        .
      </p>
    </>
  );
}

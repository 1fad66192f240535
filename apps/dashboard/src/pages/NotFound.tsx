import { useEffect } from 'react';
import { Link } from '../components/Link';

export default function NotFound() {
  useEffect(() => {
    document.title = 'Page not found - Continuity data hub';
  }, []);
  return (
    <>
      <h1 className="govuk-heading-l">Page not found</h1>
      <p className="govuk-body">If you typed the web address, check it is correct.</p>
      <p className="govuk-body">If you pasted the web address, check you copied the entire address.</p>
      <p className="govuk-body">
        <Link className="govuk-link" href="/">
          Compare pilots
        </Link>
      </p>
    </>
  );
}

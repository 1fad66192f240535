/** The administrator's pages, one link each, the current one marked. */
import { useEffect } from 'react';
import { Link } from '../../components/Link';
import { useLocation } from '../../router';
import { ADMIN_PATHS } from './paths';

const PAGES = [
  { href: ADMIN_PATHS.users, text: 'Users' },
  { href: ADMIN_PATHS.organisations, text: 'Organisations' },
  { href: ADMIN_PATHS.audit, text: 'Audit log' },
];

/** Also titles the document after the current page. */
export function AdminNav() {
  const { pathname } = useLocation();
  const current = PAGES.find((p) => p.href === pathname);
  useEffect(() => {
    document.title = `${current?.text ?? 'Administration'} - Administration - Continuity data hub`;
  }, [current]);
  return (
    <nav aria-label="Administration" className="app-admin-nav">
      <ul className="govuk-list app-admin-nav__list">
        {PAGES.map((page) => (
          <li key={page.href} className="app-admin-nav__item">
            {page.href === pathname ? (
              <strong aria-current="page">{page.text}</strong>
            ) : (
              <Link className="govuk-link" href={page.href}>
                {page.text}
              </Link>
            )}
          </li>
        ))}
      </ul>
    </nav>
  );
}

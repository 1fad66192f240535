import type { ReactNode } from 'react';
import { roleLabel, type Session } from '../auth/session';
import { Link } from '../components/Link';
import { ADMIN_PATHS } from '../pages/admin/paths';

export interface NavItem {
  href: string;
  text: string;
  current: boolean;
}

/** Who is signed in, with a way out; or a link to sign in. */
function Account({ session }: { session: Session | null }) {
  if (!session) {
    return (
      <p className="govuk-body-s app-account">
        <Link className="govuk-link" href="/sign-in">
          Sign in
        </Link>
      </p>
    );
  }
  const organisation = session.user.organisation?.name;
  return (
    <p className="govuk-body-s app-account" data-testid="signed-in-as">
      <span>
        Signed in as <strong>{session.user.name}</strong>
        <span className="app-account__role">
          {' '}
          ({roleLabel(session.user.role)}
          {organisation && !session.user.name.includes(organisation) ? `, ${organisation}` : ''})
        </span>
      </span>{' '}
      {session.user.role === 'admin' ? (
        <>
          <Link className="govuk-link app-account__admin" href={ADMIN_PATHS.users}>
            Administration
          </Link>{' '}
        </>
      ) : null}
      <Link className="govuk-link app-account__sign-out" href="/sign-out">
        Sign out
      </Link>
    </p>
  );
}

/** The GOV.UK Frontend page template: skip link, header, service navigation, phase banner, main, footer. */
export function Layout({
  navigation,
  session,
  children,
}: {
  navigation: NavItem[];
  session: Session | null;
  children: ReactNode;
}) {
  return (
    <>
      <a href="#main-content" className="govuk-skip-link" data-module="govuk-skip-link">
        Skip to main content
      </a>
      <header className="govuk-header" data-module="govuk-header">
        <div className="govuk-header__container govuk-width-container">
          <div className="govuk-header__logo">
            <Link href="/" className="govuk-header__link govuk-header__link--homepage app-header__organisation">
              Department for Education
            </Link>
          </div>
        </div>
      </header>
      <section
        aria-label="Service information"
        className="govuk-service-navigation"
        data-module="govuk-service-navigation"
      >
        <div className="govuk-width-container">
          <div className="govuk-service-navigation__container">
            <span className="govuk-service-navigation__service-name">
              <Link href="/" className="govuk-service-navigation__link">
                Continuity data hub
              </Link>
            </span>
            {navigation.length > 0 ? (
              <nav aria-label="Menu" className="govuk-service-navigation__wrapper">
                <ul className="govuk-service-navigation__list" id="navigation">
                  {navigation.map((item) => (
                    <li
                      key={item.href}
                      className={`govuk-service-navigation__item${item.current ? ' govuk-service-navigation__item--active' : ''}`}
                    >
                      <Link
                        className="govuk-service-navigation__link"
                        href={item.href}
                        aria-current={item.current ? 'page' : undefined}
                      >
                        {item.current ? (
                          <strong className="govuk-service-navigation__active-fallback">{item.text}</strong>
                        ) : (
                          item.text
                        )}
                      </Link>
                    </li>
                  ))}
                </ul>
              </nav>
            ) : null}
            <Account session={session} />
          </div>
        </div>
      </section>
      <div className="govuk-width-container">
        <div className="govuk-phase-banner" role="region" aria-label="Alpha: a new service">
          <p className="govuk-phase-banner__content">
            <strong className="govuk-tag govuk-phase-banner__content__tag">Alpha</strong>
            <span className="govuk-phase-banner__text">
              This is a new service. Figures and features may change while it is being built.
            </span>
          </p>
        </div>
        <main className="govuk-main-wrapper" id="main-content" tabIndex={-1}>
          {children}
        </main>
      </div>
      <Footer />
    </>
  );
}

function Footer() {
  return (
    <footer className="govuk-footer">
      <div className="govuk-width-container">
        <div className="govuk-footer__meta">
          <div className="govuk-footer__meta-item govuk-footer__meta-item--grow">
            <svg
              aria-hidden="true"
              focusable="false"
              className="govuk-footer__licence-logo"
              xmlns="http://www.w3.org/2000/svg"
              viewBox="0 0 483.2 195.7"
              height="17"
              width="41"
            >
              <path
                fill="currentColor"
                d="M421.5 142.8V.1l-50.7 32.3v161.1h112.4v-50.7zm-122.3-9.6A47.12 47.12 0 0 1 221 97.8c0-26 21.1-47.1 47.1-47.1 16.7 0 31.4 8.7 39.7 21.8l42.7-27.2A97.63 97.63 0 0 0 268.1 0c-36.5 0-68.3 20.1-85.1 49.7A98 98 0 0 0 97.8 0C43.9 0 0 43.9 0 97.8s43.9 97.8 97.8 97.8c36.5 0 68.3-20.1 85.1-49.7a97.76 97.76 0 0 0 149.6 25.4l19.4 22.2h3v-87.8h-80l24.3 27.5zM97.8 145c-26 0-47.1-21.1-47.1-47.1s21.1-47.1 47.1-47.1 47.2 21 47.2 47S123.8 145 97.8 145"
              />
            </svg>
            <span className="govuk-footer__licence-description">
              Contains public sector information licensed under the{' '}
              <a
                className="govuk-footer__link"
                href="https://www.nationalarchives.gov.uk/doc/open-government-licence/version/3/"
                rel="license"
              >
                Open Government Licence v3.0
              </a>
              .
            </span>
          </div>
          <div className="govuk-footer__meta-item">
            <a
              className="govuk-footer__link govuk-footer__copyright-logo"
              href="https://www.nationalarchives.gov.uk/information-management/re-using-public-sector-information/uk-government-licensing-framework/crown-copyright/"
            >
              © Crown copyright
            </a>
          </div>
        </div>
      </div>
    </footer>
  );
}

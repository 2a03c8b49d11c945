/**
 * The frame of every page: Dutch, a skip link, landmarks and one h1. Works without
 * JavaScript; the only script-free interaction is plain links and forms.
 */
import type { Child } from 'hono/jsx';
import { homePath, type Actor } from '../accounts/index.js';
import { CsrfField } from './forms.js';
import { ui } from './texts.js';

export interface PageContext {
  actor: Actor | null;
  /** CSRF token for the forms on the page (including the logout button). */
  csrfToken: string;
}

export interface Crumb {
  href: string;
  label: string;
}

const SignedIn = (props: { context: PageContext }) => {
  const { actor, csrfToken } = props.context;
  if (!actor) return null;
  return (
    <div class="session">
      <span>{ui.signedInAs(actor.label)}</span>
      <form method="post" action="/uitloggen" class="inline">
        <CsrfField token={csrfToken} />
        <button type="submit" class="link-button">{ui.logout}</button>
      </form>
    </div>
  );
};

/** Privacy pages for staff who manage: the board's page for a board admin, "Uitgeverijen" for the ICT-coördinator of one school. */
function privacyLinks(actor: Actor | null): Crumb[] {
  if (actor?.kind !== 'staff') return [];
  const boards = [...new Set(actor.roles.filter((r) => r.role === 'boardAdmin' && r.boardId !== null).map((r) => r.boardId))];
  if (boards.length === 1) return [{ href: `/beheer/besturen/${boards[0]}/privacy`, label: 'Privacy bestuur' }];
  const schools = [...new Set(actor.roles.filter((r) => r.role === 'schoolAdmin' && r.schoolId !== null).map((r) => r.schoolId))];
  return schools.length === 1 ? [{ href: `/beheer/scholen/${schools[0]}/uitgeverijen`, label: 'Uitgeverijen' }] : [];
}

/** The main menu: each kind of user sees only where it may go. */
const MainNav = (props: { actor: Actor | null }) => {
  const kind = props.actor?.kind;
  if (!kind || kind === 'parent') return null;
  const links: Crumb[] =
    kind === 'operator'
      ? [{ href: '/beheer', label: ui.navOperator }, { href: '/beheer/accounts', label: 'Accounts' }, { href: '/beheer/uitgeverijen', label: 'Uitgeverijen' }, { href: '/beheer/saml', label: 'SAML-koppelingen' }, { href: '/beheer/oidc-clients', label: 'OIDC-clients' }, { href: '/beheer/verwerkersovereenkomsten', label: 'Verwerkersovereenkomsten' }, { href: '/beheer/uitgaande-post', label: ui.navOutbox }]
      : kind === 'staff'
        ? [{ href: homePath(props.actor), label: ui.navAccount }, { href: '/lesmateriaal', label: ui.navPupil }, ...privacyLinks(props.actor)]
        : [{ href: homePath(props.actor), label: ui.navPupil }];
  return (
    <nav aria-label={ui.mainNav}>
      {links.map((link) => (
        <a href={link.href}>{link.label}</a>
      ))}
    </nav>
  );
};

const Breadcrumbs = (props: { crumbs: Crumb[] }) => (
  <nav aria-label={ui.breadcrumbs} class="breadcrumbs">
    <ol>
      {props.crumbs.map((crumb) => (
        <li>
          <a href={crumb.href}>{crumb.label}</a>
        </li>
      ))}
    </ol>
  </nav>
);

export const Layout = (props: { title: string; context: PageContext; crumbs?: Crumb[]; children?: Child }) => (
  <html lang="nl">
    <head>
      <meta charset="utf-8" />
      <meta name="viewport" content="width=device-width, initial-scale=1" />
      <title>{`${props.title} – ${ui.siteName}`}</title>
      <link rel="stylesheet" href="/assets/leerpoort.css" />
    </head>
    <body>
      <a class="skip-link" href="#inhoud">
        {ui.skipLink}
      </a>
      <header class="site-header">
        <a class="brand" href="/">
          {ui.siteName}
        </a>
        <MainNav actor={props.context.actor} />
        <SignedIn context={props.context} />
      </header>
      <main id="inhoud" tabindex={-1}>
        {props.crumbs && props.crumbs.length > 0 ? <Breadcrumbs crumbs={props.crumbs} /> : null}
        <h1>{props.title}</h1>
        {props.children}
      </main>
      <footer class="site-footer">
        <p>{ui.footer}</p>
      </footer>
    </body>
  </html>
);

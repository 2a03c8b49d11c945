/**
 * The frame of every page: Dutch, a skip link, landmarks and one h1. Works without
 * JavaScript; the only script-free interaction is plain links and forms.
 */
import type { Child } from 'hono/jsx';
import type { Actor } from '../accounts/index.js';
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
        {props.context.actor ? (
          <nav aria-label={ui.mainNav}>
            <a href="/beheer">{ui.navOperator}</a>
            {props.context.actor.kind === 'operator' ? [' ', <a href="/beheer/uitgaande-post">{ui.navOutbox}</a>] : null}
          </nav>
        ) : null}
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

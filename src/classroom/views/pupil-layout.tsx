/** The frame of the pupil pages: big, calm, Dutch, no script; skip link and one h1 like every page. */
import type { Child } from 'hono/jsx';
import { CsrfField } from '../../http/forms.js';
import { pupilTexts as t } from './pupil-texts.js';

export const PupilLayout = (props: { title: string; children?: Child; logout?: { csrfToken: string } }) => (
  <html lang="nl">
    <head>
      <meta charset="utf-8" />
      <meta name="viewport" content="width=device-width, initial-scale=1" />
      <title>{`${props.title} – Leerpoort`}</title>
      <link rel="stylesheet" href="/assets/leerpoort.css" />
      <link rel="stylesheet" href="/assets/pictures/pupil.css" />
    </head>
    <body class="pupil-page">
      <a class="skip-link" href="#inhoud">
        Naar de inhoud
      </a>
      <header class="site-header">
        <span class="brand">Leerpoort</span>
        {props.logout ? (
          <form method="post" action="/leerling/uitloggen" class="inline">
            <CsrfField token={props.logout.csrfToken} />
            <button type="submit" class="tile">{t.logout}</button>
          </form>
        ) : null}
      </header>
      <main id="inhoud" tabindex={-1}>
        <h1>{props.title}</h1>
        {props.children}
      </main>
    </body>
  </html>
);

/** A leerlingplaatje; the name is the accessible text unless the picture only decorates a labelled control. */
export const PictureImage = (props: { id: string; name: string; decorative?: boolean; class?: string }) => (
  <img src={`/assets/pictures/${props.id}.svg`} alt={props.decorative ? '' : props.name} class={props.class} width="64" height="64" />
);

export const KindMessage = (props: { text: string | null }) =>
  props.text ? (
    <p class="kind-message" role="alert">
      {props.text}
    </p>
  ) : null;

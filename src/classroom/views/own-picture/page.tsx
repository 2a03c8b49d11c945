/**
 * "Kies je plaatje": the pupil picks her own leerlingplaatje from the shipped set. Each picture
 * is a submit button whose accessible name is the picture's name, so Tab moves through them and
 * Enter or Space picks one, with no script; the current one says so (aria-pressed and a text).
 */
import { CsrfField } from '../../../http/forms.js';
import { PICTURES, pictureById } from '../../../accounts/pupils/index.js';
import { KindMessage, PictureImage, PupilLayout } from '../pupil-layout.js';

export const ownPictureTexts = {
  title: 'Kies je plaatje',
  intro: 'Dit plaatje staat bij je naam als je inlogt. Tik op het plaatje dat je wilt.',
  current: (name: string) => `Je plaatje is nu: ${name}.`,
  chosen: (name: string) => `Gelukt! Je plaatje is nu: ${name}.`,
  currentMark: '(je plaatje)',
  back: 'Terug naar mijn lesmateriaal',
} as const;

export const OwnPicturePage = (props: { current: string; csrfToken: string; justChosen: boolean }) => {
  const t = ownPictureTexts;
  const currentName = pictureById(props.current)?.name ?? '';
  return (
    <PupilLayout title={t.title} logout={{ csrfToken: props.csrfToken }}>
      {props.justChosen ? <KindMessage text={t.chosen(currentName)} /> : <p>{t.current(currentName)}</p>}
      <p>{t.intro}</p>
      <form method="post" action="/leerling/plaatje">
        <CsrfField token={props.csrfToken} />
        <ul class="tiles own-pictures">
          {PICTURES.map((picture) => {
            const isCurrent = picture.id === props.current;
            return (
              <li>
                <button type="submit" name="picture" value={picture.id} class={isCurrent ? 'tile current' : 'tile'} aria-pressed={isCurrent ? 'true' : 'false'}>
                  <PictureImage id={picture.id} name={picture.name} />
                  {isCurrent ? <span class="visually-hidden">{t.currentMark}</span> : null}
                </button>
              </li>
            );
          })}
        </ul>
      </form>
      <p>
        <a href="/leerling">{t.back}</a>
      </p>
    </PupilLayout>
  );
};

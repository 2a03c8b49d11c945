/** The pupil's way in: school search, group, name, picture code or pincode, card confirm, portal. */
import { CsrfField } from '../../http/forms.js';
import { GRID_PICTURES, CODE_LENGTH, pictureById } from '../../accounts/pupils/index.js';
import { KindMessage, PictureImage, PupilLayout } from './pupil-layout.js';
import { pupilTexts as t } from './pupil-texts.js';

export interface SchoolRef {
  name: string;
  ref: string;
}

export const SearchPage = (props: { query: string; results: Array<{ name: string; city: string | null; instelling_ref: string }> }) => (
  <PupilLayout title={t.searchTitle}>
    <form method="get" action="/scholen/zoeken">
      <label for="q">{t.searchLabel}</label>{' '}
      <input id="q" name="q" type="search" value={props.query} autocomplete="off" />{' '}
      <button type="submit">{t.searchButton}</button>
    </form>
    {props.query && props.results.length === 0 ? <p>{t.searchNone(props.query)}</p> : null}
    <ul class="tiles">
      {props.results.map((school) => (
        <li>
          <a class="tile" href={`/school/${school.instelling_ref}`}>
            {school.name}
            {school.city ? `, ${school.city}` : ''}
          </a>
        </li>
      ))}
    </ul>
  </PupilLayout>
);

export const OutsidePage = (props: { school: SchoolRef }) => (
  <PupilLayout title={t.outsideTitle}>
    <p>{props.school.name}</p>
    <p class="kind-message">{t.outside}</p>
  </PupilLayout>
);

export const GroupsPage = (props: { school: SchoolRef; groups: Array<{ id: number; name: string }> }) => (
  <PupilLayout title={`${props.school.name}: ${t.chooseGroup}`}>
    {props.groups.length === 0 ? <p>{t.noGroups}</p> : null}
    <ul class="tiles">
      {props.groups.map((group) => (
        <li>
          <a class="tile" href={`/school/${props.school.ref}/groep/${group.id}`}>
            {group.name}
          </a>
        </li>
      ))}
    </ul>
  </PupilLayout>
);

export const NamesPage = (props: { school: SchoolRef; groupName: string; pupils: Array<{ id: number; name: string; picture: string }> }) => (
  <PupilLayout title={`${props.groupName}: ${t.chooseName}`}>
    {props.pupils.length === 0 ? <p>{t.noPupils}</p> : null}
    <ul class="tiles">
      {props.pupils.map((pupil) => (
        <li>
          <a class="tile" href={`/school/${props.school.ref}/leerling/${pupil.id}`}>
            <PictureImage id={pupil.picture} name={pictureById(pupil.picture)?.name ?? ''} decorative />
            {pupil.name}
          </a>
        </li>
      ))}
    </ul>
    <p>
      <a href={`/school/${props.school.ref}`}>{t.back}</a>
    </p>
  </PupilLayout>
);

export interface CodePageProps {
  action: string;
  name: string;
  picture: string;
  csrfToken: string;
  mode: 'picture' | 'pin';
  picks: readonly string[];
  message: string | null;
  backHref: string;
}

/**
 * The 3×3 grid is a form of nine submit buttons named after their picture, so it works with a
 * keyboard, a screen reader and without JavaScript; picks so far travel in a hidden field.
 */
const PictureGrid = (props: CodePageProps) => (
  <form method="post" action={props.action}>
    <CsrfField token={props.csrfToken} />
    <input type="hidden" name="picks" value={props.picks.join('-')} />
    <p class="progress" aria-live="polite">
      {'●'.repeat(props.picks.length)}
      {'○'.repeat(CODE_LENGTH - props.picks.length)} <span class="visually-hidden">{t.progress(props.picks.length, CODE_LENGTH)}</span>
    </p>
    <div class="picture-grid" role="group" aria-label={t.codeHint}>
      {GRID_PICTURES.map((picture) => (
        <button type="submit" name="pick" value={picture.id} aria-label={picture.name}>
          <PictureImage id={picture.id} name={picture.name} decorative />
        </button>
      ))}
    </div>
  </form>
);

const PinForm = (props: CodePageProps) => (
  <form method="post" action={`${props.action}?met=pincode`}>
    <CsrfField token={props.csrfToken} />
    <label for="pincode">{t.pincodeLabel}</label>{' '}
    <input id="pincode" name="pincode" class="pin-input" type="password" inputmode="numeric" autocomplete="off" maxlength={6} pattern="[0-9]{4,6}" required />{' '}
    <button type="submit" class="tile">{t.pincodeButton}</button>
  </form>
);

export const CodePage = (props: CodePageProps) => (
  <PupilLayout title={t.codeTitle(props.name)}>
    <p>
      <PictureImage id={props.picture} name={pictureById(props.picture)?.name ?? ''} class="picture-small" />
    </p>
    <KindMessage text={props.message} />
    {props.mode === 'picture' ? (
      <>
        <p>{t.codeHint}</p>
        <PictureGrid {...props} />
        <p>
          <a href={props.action}>{t.startOver}</a> · <a href={`${props.action}?met=pincode`}>{t.usePincode}</a>
        </p>
      </>
    ) : (
      <>
        <PinForm {...props} />
        <p>
          <a href={props.action}>{t.usePictures}</a>
        </p>
      </>
    )}
    <p>
      <a href={props.backHref}>{t.notMe}</a>
    </p>
  </PupilLayout>
);

export const CardConfirmPage = (props: { name: string | null; picture: string | null; csrfToken: string; action: string; message: string | null }) => (
  <PupilLayout title={t.cardTitle}>
    <KindMessage text={props.message} />
    {props.name && props.picture ? (
      <form method="post" action={props.action}>
        <CsrfField token={props.csrfToken} />
        <p>
          <PictureImage id={props.picture} name={pictureById(props.picture)?.name ?? ''} class="picture-small" /> {t.cardConfirm(props.name)}
        </p>
        <button type="submit" class="tile">{t.cardButton}</button>
      </form>
    ) : (
      <p class="kind-message">{t.cardInvalid}</p>
    )}
  </PupilLayout>
);

/** One tile of "Mijn lesmateriaal" (the catalogue's Tile, as far as this page needs it). */
export interface PortalTile {
  productId: number;
  name: string;
  iconUrl: string | null;
  publisherName: string;
  launchPath: string;
}

/** A book, shown when a product has no icon the page may load (the CSP allows only this site and data: images). */
const DEFAULT_TILE_ICON = `data:image/svg+xml,${encodeURIComponent('<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 64 64"><rect x="10" y="8" width="44" height="48" rx="4" fill="#1a4d8f"/><rect x="16" y="14" width="32" height="36" rx="2" fill="#fff"/><path d="M22 24h20M22 32h20M22 40h12" stroke="#1a4d8f" stroke-width="4"/></svg>')}`;

export const tileIcon = (iconUrl: string | null): string => (iconUrl?.startsWith('data:image/') ? iconUrl : DEFAULT_TILE_ICON);

/** "Mijn lesmateriaal": big tiles, each one link (name read aloud, icon decorative), in tab order. */
export const PortalPage = (props: { name: string; csrfToken: string; tiles: readonly PortalTile[] }) => (
  <PupilLayout title={t.portalTitle(props.name)} logout={{ csrfToken: props.csrfToken }}>
    <h2 id="lesmateriaal">Mijn lesmateriaal</h2>
    {props.tiles.length === 0 ? (
      <p class="kind-message">Je hebt nog geen lesmateriaal. Vraag je juf of meester om hulp.</p>
    ) : (
      <ul class="tiles" aria-labelledby="lesmateriaal">
        {props.tiles.map((tile) => (
          <li>
            <a class="tile" href={tile.launchPath} title={tile.publisherName}>
              <img src={tileIcon(tile.iconUrl)} alt="" width="72" height="72" />
              {tile.name}
            </a>
          </li>
        ))}
      </ul>
    )}
    <p>
      <a href="/leerling/plaatje">Kies je plaatje</a>
    </p>
  </PupilLayout>
);

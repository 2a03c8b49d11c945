/** "Mijn lesmateriaal" for staff: per school the tiles licensed to them, teacher and test apps marked. */
import { Layout, type PageContext } from '../../http/layout.js';
import type { Tile } from '../types.js';
import { catalogueTexts } from './texts.js';

const t = catalogueTexts.material;

/** A book, for products without an icon the page may load (the CSP allows only this site and data: images). */
const DEFAULT_ICON = `data:image/svg+xml,${encodeURIComponent('<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 64 64"><rect x="10" y="8" width="44" height="48" rx="4" fill="#1a4d8f"/><rect x="16" y="14" width="32" height="36" rx="2" fill="#fff"/><path d="M22 24h20M22 32h20M22 40h12" stroke="#1a4d8f" stroke-width="4"/></svg>')}`;

export const iconSrc = (iconUrl: string | null) => (iconUrl?.startsWith('data:image/') ? iconUrl : DEFAULT_ICON);

function tagNote(tile: Tile): string {
  const notes = [tile.tags.includes('leerkrachtApplicatie') ? t.teacherApp : null, tile.tags.includes('toetsApplicatie') ? t.testApp : null].filter(Boolean);
  return notes.length > 0 ? ` (${notes.join(', ')})` : '';
}

export const MaterialPage = (props: { context: PageContext; schools: Array<{ id: number; name: string; tiles: Tile[]; manages: boolean }> }) => (
  <Layout title={t.title} context={props.context}>
    <p>{t.intro}</p>
    {props.schools.length === 0 ? <p>{t.noSchools}</p> : null}
    {props.schools.map((school) => (
      <section aria-labelledby={`school-${school.id}`}>
        <h2 id={`school-${school.id}`}>{school.name}</h2>
        {school.manages ? (
          <p>
            <a href={`/beheer/scholen/${school.id}/licenties`}>{t.licencesLink(school.name)}</a>
          </p>
        ) : null}
        {school.tiles.length === 0 ? (
          <p>{t.none}</p>
        ) : (
          <ul class="tiles">
            {school.tiles.map((tile) => (
              <li>
                <a class="tile" href={tile.launchPath}>
                  <img src={iconSrc(tile.iconUrl)} alt="" width="48" height="48" />
                  {tile.name}
                  <span class="field-note">{` – ${tile.publisherName}${tagNote(tile)}`}</span>
                </a>
              </li>
            ))}
          </ul>
        )}
      </section>
    ))}
  </Layout>
);

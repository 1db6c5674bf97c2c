import type { Text } from '@civitas/common';
import { useT } from '../page/page-context';
import { W } from './web.texts';

/** A place on a map: where it is and, on a list's map, the card its marker opens (title linking to its page). */
export interface MapPoint {
  id: string;
  title: string;
  lat: number;
  lng: number;
  /** The place's page: the marker opens a card with this link (left out on the place's own page). */
  href?: string;
  /** One line under the title on the card. */
  detail?: string;
}

/** The base map from configuration (MAP_TILE_URL, MAP_TILE_ATTRIBUTION); null = markers only. */
export interface MapTiles {
  url: string | null;
  attribution: string | null;
}

/**
 * A map of places, an enhancement only: the section is `hidden` in the HTML and libs/web/assets/js/budget-map.mjs
 * (Leaflet) shows it and draws the markers from `data-civitas-map`. Without JavaScript nothing of it appears; the list
 * beside it says everything the map shows. Markers are focusable (Tab) and Enter opens their card; Escape closes it.
 * The page loads the map's stylesheet and module (`leaflet.css`, `budget-map.js`).
 */
export function PlacesMap(props: {
  id: string;
  points: MapPoint[];
  tiles: MapTiles;
  label: string;
  heading?: string;
  lead?: string;
  small?: boolean;
  /** The name of the card's close button (default "Close the card"). */
  closeLabel?: Text;
}) {
  const t = useT();
  if (props.points.length === 0) return null;
  return (
    <div class="civitas-map-section" data-civitas-map-section="" hidden>
      {props.heading ? (
        <h2 class="govuk-heading-m" id={`${props.id}-heading`}>
          {props.heading}
        </h2>
      ) : null}
      {props.lead ? <p class="govuk-body-s">{props.lead}</p> : null}
      <div
        class={`civitas-map${props.small ? ' civitas-map--small' : ''}`}
        id={props.id}
        role="region"
        aria-label={props.label}
        data-civitas-map={JSON.stringify(props.points)}
        data-tile-url={props.tiles.url ?? ''}
        data-tile-attribution={props.tiles.attribution ?? ''}
        data-zoom-in={t(W.mapZoomIn)}
        data-zoom-out={t(W.mapZoomOut)}
        data-close={t(props.closeLabel ?? W.mapClose)}
      ></div>
    </div>
  );
}

import { PlacesMap, type MapPoint, type MapTiles } from '@civitas/web';
import { P } from './budget-pages.texts';

export type { MapPoint, MapTiles };

/** A map of projects (see PlacesMap): the card's close button names the project's card. */
export function ProjectMap(props: { id: string; points: MapPoint[]; tiles: MapTiles; label: string; heading?: string; lead?: string; small?: boolean }) {
  return <PlacesMap {...props} closeLabel={P.mapClose} />;
}

// A place the customer shared: its name and address (or the coordinates) and links that open it in
// OpenStreetMap or Google Maps in a new tab. No map tiles or pictures are loaded from anywhere.
import { Show } from 'solid-js';
import type { Message } from '../../../workers/contract';
import { MediaIcon } from './MediaIcon';
import { mt } from './media-i18n';

type Place = NonNullable<Message['location']>;

export const osmUrl = (l: Place) =>
  `https://www.openstreetmap.org/?mlat=${l.latitude}&mlon=${l.longitude}#map=17/${l.latitude}/${l.longitude}`;
export const googleMapsUrl = (l: Place) =>
  `https://www.google.com/maps/search/?api=1&query=${l.latitude},${l.longitude}`;

export function LocationCard(props: { location: Place }) {
  const l = () => props.location;
  const coordinates = () => `${l().latitude.toFixed(5)}, ${l().longitude.toFixed(5)}`;
  const where = () => l().name || l().address || coordinates();
  return (
    <section class="location-card" aria-label={mt().location.heading}>
      <MediaIcon name="pin" class="location-pin" />
      <div>
        <strong>{l().name || mt().location.unnamed}</strong>
        <Show when={l().address}>
          <span class="location-address">{l().address}</span>
        </Show>
        <span class="muted location-coordinates">{coordinates()}</span>
        <span class="location-links">
          <a
            href={osmUrl(l())}
            target="_blank"
            rel="noopener noreferrer"
            aria-label={mt().location.openMapNamed(where())}
          >
            {mt().location.openMap}
          </a>
          <a
            href={googleMapsUrl(l())}
            target="_blank"
            rel="noopener noreferrer"
            aria-label={mt().location.googleNamed(where())}
          >
            {mt().location.google}
          </a>
        </span>
      </div>
    </section>
  );
}

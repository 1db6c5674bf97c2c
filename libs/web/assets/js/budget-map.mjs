// The maps of the participatory budget's pages (Leaflet, served from /assets like every script: no CDN). A progressive
// enhancement: the page's map section is `hidden` in its HTML and carries its projects in `data-civitas-map`; this
// module shows it and draws a marker per project. The list beside it (or the project's address) says everything the
// map shows, so without JavaScript nothing is missing.
//
// Keyboard: every marker of a list's map is focusable (Tab) and Enter opens its card — the project's title linking to
// its page — with the focus on the link; Escape closes the card and puts the focus back on the marker.
// The base map is the configured tile server (data-tile-url, MAP_TILE_URL); without one, the markers alone.
// Leaflet styles its elements through the CSSOM (element.style), which the pages' CSP (style-src 'self') allows; no
// markup with a style attribute is ever inserted.
import './leaflet.js';

const L = window.L;

/** The card a marker opens: the title as a link, and one line of detail. Built as nodes (texts never as HTML). */
function card(point) {
  const box = document.createElement('div');
  box.className = 'civitas-map__card';
  const title = document.createElement('p');
  title.className = 'govuk-body govuk-!-font-weight-bold govuk-!-margin-bottom-1';
  const link = document.createElement('a');
  link.className = 'govuk-link';
  link.href = point.href;
  link.textContent = point.title;
  title.append(link);
  box.append(title);
  if (point.detail) {
    const detail = document.createElement('p');
    detail.className = 'govuk-body-s govuk-!-margin-bottom-0';
    detail.textContent = point.detail;
    box.append(detail);
  }
  return { box, link };
}

function draw(section) {
  const el = section.querySelector('[data-civitas-map]');
  if (!el || !L) return;
  let points;
  try {
    points = JSON.parse(el.dataset.civitasMap ?? '[]').filter((p) => Number.isFinite(p.lat) && Number.isFinite(p.lng));
  } catch {
    return;
  }
  if (points.length === 0) return;
  section.hidden = false;
  const map = L.map(el, { zoomControl: false, attributionControl: false, scrollWheelZoom: false, keyboard: true });
  L.control.zoom({ zoomInTitle: el.dataset.zoomIn, zoomOutTitle: el.dataset.zoomOut }).addTo(map);
  if (el.dataset.tileUrl) {
    L.tileLayer(el.dataset.tileUrl, { maxZoom: 19, attribution: el.dataset.tileAttribution || '' }).addTo(map);
    if (el.dataset.tileAttribution) L.control.attribution({ prefix: false }).addTo(map);
  }
  // The view first: Leaflet adds layers to a map only once it has one (the markers' elements exist from then on).
  const latLngs = points.map((p) => [p.lat, p.lng]);
  if (latLngs.length === 1) map.setView(latLngs[0], 16);
  else map.fitBounds(L.latLngBounds(latLngs), { padding: [24, 24], maxZoom: 16 });
  for (const point of points) {
    const interactive = !!point.href;
    const marker = L.marker([point.lat, point.lng], {
      keyboard: interactive,
      interactive,
      title: point.title,
      icon: L.divIcon({ className: 'civitas-map__marker', html: '', iconSize: [24, 24], iconAnchor: [12, 24], popupAnchor: [0, -24] }),
    });
    if (interactive) {
      const { box, link } = card(point);
      marker.bindPopup(box, { autoPanPadding: [16, 16], maxWidth: 200 });
      marker.on('popupopen', (e) => {
        const close = e.popup.getElement()?.querySelector('.leaflet-popup-close-button');
        if (close && el.dataset.close) close.setAttribute('aria-label', el.dataset.close);
        link.focus();
      });
    }
    marker.addTo(map);
    const icon = marker.getElement();
    if (icon) {
      if (interactive) icon.setAttribute('aria-label', point.title);
      else {
        icon.setAttribute('role', 'img');
        icon.setAttribute('aria-label', point.title);
      }
    }
  }
  // Escape closes an open card wherever the focus is inside the map, and the focus goes back to its marker.
  el.addEventListener('keydown', (e) => {
    if (e.key !== 'Escape') return;
    const popup = map._popup;
    if (!popup || !map.hasLayer(popup)) return;
    const source = popup._source;
    map.closePopup();
    source?.getElement()?.focus();
    e.preventDefault();
  });
}

for (const section of document.querySelectorAll('[data-civitas-map-section]')) draw(section);

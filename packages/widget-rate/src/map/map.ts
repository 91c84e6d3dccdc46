/**
 * The organisation map of the `org-search` widget: Leaflet, loaded with a dynamic `import()` when the
 * user opens the map (a lazy chunk, never in the page's first download).
 *
 * Strict CSP with Trusted Types: Leaflet's controls (zoom, attribution) and string tooltips write
 * `innerHTML`, so none is used — the widget renders its own zoom buttons and attribution, tooltips get
 * DOM nodes. Markers are `circleMarker`s (SVG paths: no marker images, so `img-src` needs no more than
 * the tiles, if any). Leaflet positions its panes through `element.style` (CSSOM, which CSP allows).
 * Its CSS is adopted into the widget's shadow root as a constructable stylesheet, without the rules
 * that reference images (the layers control and default icons, not used here). The one `innerHTML`
 * Leaflet runs at import time (a feature test) is removed from the build by scripts/build-widgets.ts.
 *
 * With no tile server configured the map shows the markers on a plain background, each with its name
 * beside it; every marker is a focusable, named button (Enter or Space picks it, as a click does).
 */
// The ES build (the package's `main` is UMD, which neither tree-shakes nor avoids a CommonJS wrapper).

import leafletCss from 'leaflet/dist/leaflet.css?raw';
import * as L from 'leaflet/dist/leaflet-src.esm.js';

export interface MapMarker {
  id: string;
  name: string;
  lat: number;
  lon: number;
}

export interface MapOptions {
  /** Tile URL template (`https://tile.openstreetmap.org/{z}/{x}/{y}.png`), or none: no tiles. */
  tiles?: string | undefined;
  /** Called when a marker is clicked (or tapped). */
  onSelect(id: string): void;
}

export interface MapHandle {
  /** Replaces the markers and fits the view to them. */
  update(markers: readonly MapMarker[]): void;
  /** Centres the marker and highlights it (the list's "on the map" button). */
  focus(id: string): void;
  zoomIn(): void;
  zoomOut(): void;
  destroy(): void;
}

/** Leaflet's stylesheet without rules that load images, minified a little. */
export const mapCss = `${leafletCss
  .replace(/\/\*[\s\S]*?\*\//g, '')
  .replace(/[^{}]*\{[^{}]*url\([^{}]*\}/g, '')
  .replace(/\s+/g, ' ')}
.leaflet-container{background:#eef2f5;font:inherit}
.leaflet-interactive:focus{outline:none}
.leaflet-interactive:focus-visible{stroke:#000;stroke-width:4px}
`;

let mapSheet: CSSStyleSheet | undefined;

const idle: L.CircleMarkerOptions = {
  radius: 8,
  color: '#0b57d0',
  weight: 2,
  fillColor: '#fff',
  fillOpacity: 1,
};
const active: L.CircleMarkerOptions = { ...idle, radius: 10, fillColor: '#0b57d0' };

/** Creates the map in `container` (inside the widget's shadow root `root`). */
export function createMap(container: HTMLElement, root: ShadowRoot, options: MapOptions): MapHandle {
  if (!mapSheet) {
    mapSheet = new CSSStyleSheet();
    mapSheet.replaceSync(mapCss);
  }
  const css = mapSheet;
  if (!root.adoptedStyleSheets.includes(css)) root.adoptedStyleSheets = [...root.adoptedStyleSheets, css];
  // No zoom and pan animations for people who asked for less motion.
  const still = matchMedia('(prefers-reduced-motion: reduce)').matches;
  const map = L.map(container, {
    zoomControl: false,
    attributionControl: false,
    zoomAnimation: !still,
    fadeAnimation: !still,
    markerZoomAnimation: !still,
    center: [55.75, 37.62],
    zoom: 10,
  });
  if (options.tiles) L.tileLayer(options.tiles, { maxZoom: 19 }).addTo(map);
  // The zoom level on the element, for assistive checks and tests (Leaflet keeps it internal).
  const showZoom = () => {
    container.dataset.zoom = String(map.getZoom());
  };
  map.on('zoomend', showZoom);
  showZoom();
  const layer = L.featureGroup().addTo(map);
  const markers = new Map<string, L.CircleMarker>();
  let selected: L.CircleMarker | undefined;

  // Leaflet drops a zoom asked for while another zoom animates (its _tryAnimatedZoom returns early):
  // a press on "zoom in" just after "show on the map" did nothing. Such a request waits for the end.
  const whenIdle = (change: () => void) => {
    if ((map as unknown as { _animatingZoom: boolean })._animatingZoom) map.once('zoomend', change);
    else change();
  };

  const select = (marker: L.CircleMarker | undefined) => {
    selected?.setStyle(idle);
    selected = marker;
    marker?.setStyle(active).bringToFront();
  };

  return {
    update(list) {
      layer.clearLayers();
      markers.clear();
      selected = undefined;
      for (const item of list) {
        const label = document.createElement('span');
        label.textContent = item.name;
        const choose = () => {
          select(marker);
          options.onSelect(item.id);
        };
        // Without tiles the names are the map: shown beside their markers while there are few.
        const permanent = !options.tiles && list.length <= 12;
        const marker = L.circleMarker([item.lat, item.lon], idle)
          .bindTooltip(label, { direction: 'top', offset: [0, -8], permanent })
          .on('click', choose)
          .addTo(layer);
        // A marker is a named button for the keyboard and screen readers, not an unlabelled circle.
        const path = marker.getElement();
        if (path) {
          path.setAttribute('role', 'button');
          path.setAttribute('tabindex', '0');
          path.setAttribute('aria-label', item.name);
          path.addEventListener('keydown', (event) => {
            const key = (event as KeyboardEvent).key;
            if (key !== 'Enter' && key !== ' ') return;
            event.preventDefault();
            choose();
          });
        }
        markers.set(item.id, marker);
      }
      map.invalidateSize();
      // The first view of a list appears at once: nothing to animate from.
      if (list.length === 1)
        map.setView(markers.values().next().value?.getLatLng() ?? [0, 0], 14, { animate: false });
      else if (list.length > 1)
        map.fitBounds(layer.getBounds(), { padding: [24, 24], maxZoom: 15, animate: false });
    },
    focus(id) {
      const marker = markers.get(id);
      if (!marker) return;
      select(marker);
      whenIdle(() => map.setView(marker.getLatLng(), Math.max(map.getZoom(), 13), { animate: !still }));
    },
    zoomIn: () => whenIdle(() => map.zoomIn()),
    zoomOut: () => whenIdle(() => map.zoomOut()),
    destroy() {
      // Leaflet 1.9 ends a zoom animation from a 250 ms timer that `remove()` does not cancel: a map
      // removed meanwhile (closed, or the widget unmounted, just after a zoom) throws on the page
      // (Leaflet/Leaflet#9575). Marked over first, the animation's end does nothing.
      (map as unknown as { _animatingZoom: boolean })._animatingZoom = false;
      map.remove();
    },
  };
}

/** Vite's `?raw` imports: the file's text as a string (Leaflet's stylesheet, adopted by the map). */
declare module '*.css?raw' {
  const text: string;
  export default text;
}

/** Leaflet's ES module build: the API @types/leaflet describes. */
declare module 'leaflet/dist/leaflet-src.esm.js' {
  export * from 'leaflet';
}

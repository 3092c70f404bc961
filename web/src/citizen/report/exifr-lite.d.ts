// exifr's lite browser build has no types of its own: it has the same API as the package.
declare module 'exifr/dist/lite.esm.mjs' {
  export { gps } from 'exifr';
}

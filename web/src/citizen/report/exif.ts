// Where a photo says it was taken (its EXIF GPS), read in the browser so that the location
// step can offer it. exifr's lite build (JPEG and HEIC, ~12 kB gzipped) is loaded only when a
// photo is added.
import type { Point } from './draft';

export async function photoLocation(photo: Blob): Promise<Point | null> {
  try {
    const { gps } = await import('exifr/dist/lite.esm.mjs');
    const found = await gps(photo);
    const lat = found?.latitude;
    const lon = found?.longitude;
    // 0,0 is what some cameras write when they had no fix
    if (typeof lat !== 'number' || typeof lon !== 'number' || !Number.isFinite(lat) || !Number.isFinite(lon))
      return null;
    if (lat === 0 && lon === 0) return null;
    return { lat, lon };
  } catch {
    return null; // no EXIF, a format exifr cannot read, or the module could not load offline
  }
}

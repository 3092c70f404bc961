// Photos picked for upload (a citizen's reply, a resolution's proof): checked before sending (kind, size,
// count), shown as previews, removable, and remembered once uploaded so that a retry does not send them twice.
import { useCallback, useEffect, useRef, useState } from 'react';

export const MAX_PHOTOS = 10;
/** The server's limit for one photo (src/modules/media/formats.ts). */
export const MAX_PHOTO_BYTES = 20 * 1024 * 1024;

export interface PhotoAttachment {
  key: string;
  file: File;
  previewUrl: string;
  /** Set once the server holds the file. */
  mediaId: string | null;
}

export type PhotoProblem =
  | { kind: 'notPhoto'; name: string }
  | { kind: 'tooLarge'; name: string }
  | { kind: 'tooMany'; max: number };

let sequence = 0;

export function usePhotoAttachments() {
  const [photos, setPhotos] = useState<PhotoAttachment[]>([]);
  const [problems, setProblems] = useState<PhotoProblem[]>([]);
  // the previews to release when the form goes away
  const live = useRef(new Set<string>());

  useEffect(() => {
    const urls = live.current;
    return () => {
      for (const url of urls) URL.revokeObjectURL(url);
      urls.clear();
    };
  }, []);

  const add = useCallback(
    (files: File[]) => {
      const found: PhotoProblem[] = [];
      const accepted: PhotoAttachment[] = [];
      let room = MAX_PHOTOS - photos.length;
      for (const file of files) {
        // HEIC from iPhones often comes without a type; the server reads the bytes anyway
        const looksLikePhoto = file.type.startsWith('image/') || /\.(heic|heif)$/i.test(file.name);
        if (!looksLikePhoto) found.push({ kind: 'notPhoto', name: file.name });
        else if (file.size > MAX_PHOTO_BYTES) found.push({ kind: 'tooLarge', name: file.name });
        else if (room <= 0) {
          if (!found.some((p) => p.kind === 'tooMany')) found.push({ kind: 'tooMany', max: MAX_PHOTOS });
        } else {
          room -= 1;
          sequence += 1;
          const previewUrl = URL.createObjectURL(file);
          live.current.add(previewUrl);
          accepted.push({ key: `photo-${sequence}`, file, previewUrl, mediaId: null });
        }
      }
      setProblems(found);
      if (accepted.length > 0) setPhotos((current) => [...current, ...accepted]);
    },
    [photos.length],
  );

  const remove = useCallback((key: string) => {
    setPhotos((current) => {
      const gone = current.find((photo) => photo.key === key);
      if (gone) {
        URL.revokeObjectURL(gone.previewUrl);
        live.current.delete(gone.previewUrl);
      }
      return current.filter((photo) => photo.key !== key);
    });
    setProblems([]);
  }, []);

  /** Records the ids the server gave to the photos that were not yet uploaded, in order. */
  const markUploaded = useCallback((keys: string[], mediaIds: string[]) => {
    setPhotos((current) =>
      current.map((photo) => {
        const index = keys.indexOf(photo.key);
        return index >= 0 ? { ...photo, mediaId: mediaIds[index] ?? null } : photo;
      }),
    );
  }, []);

  const clear = useCallback(() => {
    setPhotos((current) => {
      for (const photo of current) {
        URL.revokeObjectURL(photo.previewUrl);
        live.current.delete(photo.previewUrl);
      }
      return [];
    });
    setProblems([]);
  }, []);

  return { photos, problems, add, remove, markUploaded, clear };
}

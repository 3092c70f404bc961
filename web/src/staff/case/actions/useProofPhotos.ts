// The proof photos of a resolution: checked before sending (kind, size, count), previewed,
// removable, and remembered once uploaded so that a failed resolution retried does not upload
// them twice.
import { useCallback, useEffect, useRef, useState } from 'react';

/** The server's limits (src/modules/media/formats.ts). */
export const MAX_PROOF_PHOTOS = 10;
export const MAX_PROOF_BYTES = 20 * 1024 * 1024;

export interface ProofPhoto {
  key: string;
  file: File;
  previewUrl: string;
  mediaId: string | null;
}

export type ProofProblem = { kind: 'notPhoto' | 'tooLarge'; name: string } | { kind: 'tooMany' };

let sequence = 0;

function release(previews: Set<string>, photo: ProofPhoto) {
  URL.revokeObjectURL(photo.previewUrl);
  previews.delete(photo.previewUrl);
}

export function useProofPhotos() {
  const [photos, setPhotos] = useState<ProofPhoto[]>([]);
  const [problems, setProblems] = useState<ProofProblem[]>([]);
  const previews = useRef(new Set<string>());

  useEffect(() => {
    const urls = previews.current;
    return () => {
      for (const url of urls) URL.revokeObjectURL(url);
      urls.clear();
    };
  }, []);

  const add = useCallback(
    (files: File[]) => {
      const found: ProofProblem[] = [];
      const accepted: ProofPhoto[] = [];
      let room = MAX_PROOF_PHOTOS - photos.length;
      for (const file of files) {
        // HEIC from phones may come without a type; the server reads the bytes anyway
        if (!file.type.startsWith('image/') && !/\.(heic|heif)$/i.test(file.name)) {
          found.push({ kind: 'notPhoto', name: file.name });
        } else if (file.size > MAX_PROOF_BYTES) {
          found.push({ kind: 'tooLarge', name: file.name });
        } else if (room <= 0) {
          if (!found.some((problem) => problem.kind === 'tooMany')) found.push({ kind: 'tooMany' });
        } else {
          room -= 1;
          sequence += 1;
          const previewUrl = URL.createObjectURL(file);
          previews.current.add(previewUrl);
          accepted.push({ key: `proof-${sequence}`, file, previewUrl, mediaId: null });
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
      if (gone) release(previews.current, gone);
      return current.filter((photo) => photo.key !== key);
    });
    setProblems([]);
  }, []);

  const markUploaded = useCallback((ids: Map<string, string>) => {
    setPhotos((current) => current.map((photo) => ({ ...photo, mediaId: ids.get(photo.key) ?? photo.mediaId })));
  }, []);

  const clear = useCallback(() => {
    setPhotos((current) => {
      for (const photo of current) release(previews.current, photo);
      return [];
    });
    setProblems([]);
  }, []);

  return { photos, problems, add, remove, markUploaded, clear };
}

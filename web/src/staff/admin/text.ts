// Matching what an administrator types in a search box against names and codes, with or
// without Vietnamese diacritics ("phu xuan" finds "Phú Xuân").
import { foldVietnamese } from '../../../../src/shared/text';

export function matches(query: string, ...fields: (string | null | undefined)[]): boolean {
  const wanted = foldVietnamese(query);
  if (!wanted) return true;
  return fields.some((field) => field && foldVietnamese(field).includes(wanted));
}

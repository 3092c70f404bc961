// Vietnamese text as people type it: with or without diacritics. Folding makes "Đường hư"
// and "duong hu" the same for search and matching.

/** Lower-case, without diacritics (đ becomes d), spaces collapsed. */
export function foldVietnamese(text: string): string {
  return text
    .normalize('NFD')
    .replace(/\p{Diacritic}/gu, '')
    .replace(/[đĐ]/g, 'd')
    .toLowerCase()
    .replace(/\s+/g, ' ')
    .trim();
}

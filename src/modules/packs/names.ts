// English names for areas whose pack gives only the Vietnamese one. Vietnamese unit names
// start with the kind of unit ("Phường Phú Xuân"); English puts it after the place name
// ("Phu Xuan Ward"), and foreign readers expect the place name without diacritics.

/** "Thành phố Huế" -> "Thanh pho Hue": drops combining marks; đ is a letter of its own, not d with a mark. */
export function stripDiacritics(text: string): string {
  return text.normalize('NFD').replace(/\p{M}/gu, '').replaceAll('đ', 'd').replaceAll('Đ', 'D').normalize('NFC');
}

/**
 * Unit kinds by their Vietnamese prefix. Longer prefixes first so that "Thị xã" is not read
 * as "Xã". A special zone ("Đặc khu") and anything unknown keep just the stripped name.
 */
const UNIT_KINDS: ReadonlyArray<readonly [prefix: string, english: string]> = [
  ['thành phố', 'City'],
  ['thị trấn', 'Township'],
  ['thị xã', 'Town'],
  ['phường', 'Ward'],
  ['quận', 'District'],
  ['huyện', 'District'],
  ['tỉnh', 'Province'],
  ['xã', 'Commune'],
];

export function englishAreaName(nameVi: string): string {
  const name = nameVi.normalize('NFC').trim().replace(/\s+/g, ' ');
  const lower = name.toLocaleLowerCase('vi');
  for (const [prefix, english] of UNIT_KINDS) {
    if (lower.startsWith(`${prefix} `)) {
      return `${stripDiacritics(name.slice(prefix.length + 1))} ${english}`;
    }
  }
  return stripDiacritics(name);
}

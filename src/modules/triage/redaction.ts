// Masks personal data in a report's text before anything of it is shown publicly: Vietnamese
// phone numbers, national ID numbers (CMND 9 digits, CCCD 12 digits), e-mail addresses and
// Vietnamese licence plates. Conservative on purpose: house numbers ("kiệt 45", "số 102"),
// dates, times and prices are left alone.

export const REDACTION_MASKS = {
  email: '[email]',
  phone: '[phone]',
  id: '[id]',
  plate: '[plate]',
} as const;

// Not preceded or followed by a letter or digit (\b does not know Vietnamese letters).
const B = '(?<![\\p{L}\\p{N}])';
const E = '(?![\\p{L}\\p{N}])';

const EMAIL = new RegExp(`${B}[\\p{L}\\p{N}._%+-]+@[\\p{L}\\p{N}-]+(?:\\.[\\p{L}\\p{N}-]+)*\\.\\p{L}{2,}${E}`, 'gu');

// +84 / 84 / 0, then the 9 or 10 remaining digits in groups separated by spaces, dots or dashes:
// 0905 123 456, 0905.123.456, +84 905 123 456, 84905123456, (+84) 234 3822 123, 0234 3822 123.
const PHONE = new RegExp(`(?:\\(\\+?84\\)|\\+84|${B}84|${B}0)(?:[ .-]?\\d){9,10}${E}`, 'gu');

// Licence plates: 75A-123.45, 75B1-234.56, 29A12345, 43C 123.45, 75-B1 234.56, 29LD-123.45, 51F-1234.
const PLATE = new RegExp(
  `${B}\\d{2}[ -]?(?:[A-Z]{1,2}\\d?|[A-Z]\\d{0,2})[ .-]?(?:\\d{3}[.]?\\d{2}|\\d{4,5})${E}`,
  'giu',
);

// National ID numbers: exactly 9 or 12 digits (optionally grouped by spaces in threes/fours).
const NATIONAL_ID = new RegExp(
  `${B}(?:\\d{12}|\\d{4} \\d{4} \\d{4}|\\d{3} \\d{3} \\d{3} \\d{3}|\\d{9}|\\d{3} \\d{3} \\d{3})${E}`,
  'gu',
);

/** The text with e-mail addresses, phone numbers, licence plates and ID numbers masked. */
export function redactPersonalData(text: string): string {
  return text
    .normalize('NFC')
    .replace(EMAIL, REDACTION_MASKS.email)
    .replace(PHONE, REDACTION_MASKS.phone)
    .replace(PLATE, REDACTION_MASKS.plate)
    .replace(NATIONAL_ID, REDACTION_MASKS.id);
}

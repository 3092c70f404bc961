// Vietnamese phone numbers come written many ways (0905..., +84905..., 84905..., with spaces
// or dots); they are one number, stored in E.164.
import { parsePhoneNumberFromString } from 'libphonenumber-js';
import { badRequest } from '../../platform/errors.js';

export function normalizePhone(input: string): string {
  const compact = input.replace(/[\s.\-()]/g, '');
  // "84905123456" is the country code without its plus; as a national number it would be wrong.
  const withPlus = /^84\d{9,10}$/.test(compact) ? `+${compact}` : compact;
  const parsed = /^\+?\d{6,15}$/.test(withPlus) ? parsePhoneNumberFromString(withPlus, 'VN') : undefined;
  if (!parsed?.isValid()) {
    throw badRequest('invalid_phone', 'This is not a valid phone number (e.g. 0905 123 456 or +84 905 123 456)');
  }
  return parsed.number;
}

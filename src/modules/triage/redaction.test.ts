import { describe, expect, it } from 'vitest';
import { redactPersonalData } from './redaction.js';

describe('redactPersonalData', () => {
  it.each([
    ['Gọi tôi 0905 123 456 nhé', 'Gọi tôi [phone] nhé'],
    ['sdt 0905.123.456', 'sdt [phone]'],
    ['sđt: 0905-123-456.', 'sđt: [phone].'],
    ['+84 905 123 456', '[phone]'],
    ['84905123456', '[phone]'],
    ['(+84) 234 3822 123', '[phone]'],
    ['máy bàn 0234 3822 123', 'máy bàn [phone]'],
  ])('masks the phone number in %j', (text, expected) => {
    expect(redactPersonalData(text)).toBe(expected);
  });

  it('masks national ID numbers of 9 and 12 digits', () => {
    expect(redactPersonalData('CCCD 046090001234, CMND 191234567')).toBe('CCCD [id], CMND [id]');
    expect(redactPersonalData('số căn cước 046 090 001 234')).toBe('số căn cước [id]');
  });

  it('masks e-mail addresses', () => {
    expect(redactPersonalData('mail: nguyen.van.a@gmail.com.vn hoặc lan+hue@example.org')).toBe(
      'mail: [email] hoặc [email]',
    );
  });

  it.each([
    'xe 75A-123.45 đậu trước nhà',
    'xe 75B1-234.56 đậu trước nhà',
    'xe 29A12345 đậu trước nhà',
    'xe 43C 123.45 đậu trước nhà',
    'xe 75-B1 234.56 đậu trước nhà',
    'xe 75a-123.45 đậu trước nhà',
  ])('masks the licence plate in %j', (text) => {
    expect(redactPersonalData(text)).toBe('xe [plate] đậu trước nhà');
  });

  it('leaves house numbers, dates, times and prices alone', () => {
    const text = 'Kiệt 45 Hàn Mặc Tử, số 102, ngày 25/11/2026 lúc 5h30 (10:30), giá 150.000 đồng, 500k, năm 2024';
    expect(redactPersonalData(text)).toBe(text);
  });

  it('works on decomposed (NFD) input', () => {
    expect(redactPersonalData('Gọi 0905 123 456'.normalize('NFD'))).toBe('Gọi [phone]');
  });
});

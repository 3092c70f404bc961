import { describe, expect, it } from 'vitest';
import { maskReporterIdentity, type ReporterIdentity, redactPersonalData } from './redaction.js';

const NBSP = '\u00a0';
const SOFT_HYPHEN = '\u00ad';
const ZERO_WIDTH = '\u200b';
const arabicIndic = (digits: string) => digits.replace(/\d/g, (d) => String.fromCharCode(0x0660 + Number(d)));
const fullwidth = (text: string) => text.replace(/[0-9]/g, (d) => String.fromCharCode(0xff10 + Number(d)));

// What must be masked, as people (and people getting around the mask) write it.
const MASKED: [written: string, published: string][] = [
  ['Gọi tôi 0905 123 456 nhé', 'Gọi tôi [phone] nhé'],
  ['sdt 0905.123.456', 'sdt [phone]'],
  ['sđt: 0905-123-456.', 'sđt: [phone].'],
  ['+84 905 123 456', '[phone]'],
  ['84905123456', '[phone]'],
  ['(+84) 234 3822 123', '[phone]'],
  ['máy bàn 0234 3822 123', 'máy bàn [phone]'],
  [`gọi 0905${NBSP}123${NBSP}456`, 'gọi [phone]'],
  ['gọi 0905\u202f123\u202f456', 'gọi [phone]'],
  ['gọi 0905 – 123 – 456', 'gọi [phone]'],
  ['gọi 0905/123/456', 'gọi [phone]'],
  ['gọi 0905_123_456', 'gọi [phone]'],
  ['gọi 0084 905 123 456', 'gọi [phone]'],
  ['gọi 0084905123456', 'gọi [phone]'],
  ['gọi +84-905-123-456', 'gọi [phone]'],
  ['gọi +84 (0) 905 123 456', 'gọi [phone]'],
  ['gọi +84 0905 123 456', 'gọi [phone]'],
  ['máy bàn (0234) 3822 123 giờ hành chính', 'máy bàn [phone] giờ hành chính'],
  ['máy bàn (054) 3822123', 'máy bàn [phone]'],
  ['Hà Nội 024 3826 1234', 'Hà Nội [phone]'],
  [`gọi ${fullwidth('0905 123 456')}`, 'gọi [phone]'],
  [`gọi ${arabicIndic('0905123456')}`, 'gọi [phone]'],
  [`gọi ${'0905123456'.replace(/\d/g, (d) => String.fromCharCode(0x06f0 + Number(d)))}`, 'gọi [phone]'],
  [`gọi 0905${ZERO_WIDTH}123${ZERO_WIDTH}456`, 'gọi [phone]'],
  [`gọi 09${SOFT_HYPHEN}05${SOFT_HYPHEN}123${SOFT_HYPHEN}456`, 'gọi [phone]'],
  ['gọi 0905\u2060123\ufeff456', 'gọi [phone]'],
  ['gọi 0 9 0 5 1 2 3 4 5 6', 'gọi [phone]'],
  ['sdt0905123456', 'sdt[phone]'],
  ['mail: nguyen.van.a@gmail.com.vn', 'mail: [email]'],
  ['mail: lan+hue@example.org', 'mail: [email]'],
  ['mail: nguyen.van.a＠gmail.com', 'mail: [email]'],
  ['mail: nguyen.van.a﹫gmail．com', 'mail: [email]'],
  ['mail: nguyen.van.a [at] gmail [dot] com', 'mail: [email]'],
  ['mail: NGUYEN@GMAIL.COM', 'mail: [email]'],
  ['CCCD 046090001234', 'CCCD [id]'],
  ['CMND 191234567', 'CMND [id]'],
  ['số căn cước 046 090 001 234', 'số căn cước [id]'],
  ['CCCD 046-201-001-234', 'CCCD [id]'],
  ['CCCD 046.201.001.234', 'CCCD [id]'],
  ['CCCD 0462 0100 1234', 'CCCD [id]'],
  [`CCCD ${fullwidth('046201001234')}`, 'CCCD [id]'],
  ['CMND 191-234-567', 'CMND [id]'],
  ['CMND 191 234 567', 'CMND [id]'],
  ['xe 75A-123.45 đậu trước nhà', 'xe [plate] đậu trước nhà'],
  ['xe 29A12345 đậu trước nhà', 'xe [plate] đậu trước nhà'],
  ['xe 75-B1 234.56 đậu trước nhà', 'xe [plate] đậu trước nhà'],
  ['xe 75a-123.45 đậu trước nhà', 'xe [plate] đậu trước nhà'],
  ['Gọi 0905 123 456'.normalize('NFD'), 'Gọi [phone]'],
];

// Ordinary text that must be published exactly as written.
const KEPT: string[] = [
  'ngày 12/05/2025',
  'ngày 05/12/2025 lúc 10:30',
  'ngày 05/12/2025 10:30 và 06/12/2025 08:15',
  'từ 05/12/2025 - 06/12/2025',
  'ngày 05.12.2025 lúc 10h30',
  'số 12 Lê Lợi',
  'Kiệt 45 Hàn Mặc Tử, số 102',
  'kiệt 45/12 Nguyễn Huệ',
  'giá 150.000 đồng',
  'thiệt hại 150.000.000 đồng',
  'thiệt hại 150 000 000 đ',
  'thiệt hại 150000000 VNĐ',
  'khoảng 2,5 triệu',
  '500k một tháng',
  'mã phản ánh HUE-2611-000123',
  'mã phản ánh HUE-2612-1000042',
  'lúc 5h30 (10:30)',
  'từ 08:30 - 09:45',
  'năm 2024, năm 2019-2025',
  'diện tích 50m², cao 3m',
  'cột điện số 0123',
  'tổ 7, khu vực 3, phường Phú Xuân',
  'đường dây nóng 1900 1234',
  'nhà an toàn, con đường An Cựu',
  'Tôi 👨‍👩‍👧 ở đây',
  'Nhiệt độ 35°C, độ ẩm 80%',
  'QL1A km 791+500',
];

describe('redactPersonalData', () => {
  it('keeps a table of at least 40 written forms', () => {
    expect(MASKED.length + KEPT.length).toBeGreaterThanOrEqual(40);
  });

  it.each(MASKED)('masks %j', (written, published) => {
    expect(redactPersonalData(written)).toBe(published);
  });

  it.each(KEPT)('leaves %j as written', (text) => {
    expect(redactPersonalData(text)).toBe(text.normalize('NFC'));
  });

  it('masks several kinds in one text and keeps the rest', () => {
    expect(redactPersonalData('Tôi ở số 12 Lê Lợi, gọi 0905 123 456 hoặc an@mail.vn, CCCD 046201001234.')).toBe(
      'Tôi ở số 12 Lê Lợi, gọi [phone] hoặc [email], CCCD [id].',
    );
  });
});

describe("the reporter's own name and phone", () => {
  const reporter: ReporterIdentity = { name: 'Nguyễn Văn Hùng', phone: '+84905123456', email: 'hung@example.vn' };

  it.each([
    ['Tôi là Nguyễn Văn Hùng, nhà số 12', 'Tôi là [name], nhà số 12'],
    ['tôi là nguyen van hung', 'tôi là [name]'],
    ['TÔI LÀ NGUYỄN VĂN HÙNG', 'TÔI LÀ [name]'],
    ['Tôi là Nguyễn  Văn\u00a0Hùng.', 'Tôi là [name].'],
    ['Tôi là Nguyễn Văn Hùng'.normalize('NFD'), 'Tôi là [name]'],
    ['Tôi là Ｎguyễn Văn Hùng', 'Tôi là [name]'],
    ['số của tôi 905 123 456', 'số của tôi [phone]'],
    ['số của tôi 9 0 5 1 2 3 4 5 6', 'số của tôi [phone]'],
  ])('masks them in %j', (written, published) => {
    expect(redactPersonalData(written, reporter)).toBe(published);
  });

  it('masks only the whole name: parts of it, or it inside another word, stay', () => {
    const text = 'Ông Hùng và anh Văn ở nhà Nguyễn Văn Hùngs';
    expect(redactPersonalData(text, reporter)).toBe(text);
  });

  it('leaves a one-word name of fewer than 4 letters alone ("An" is in "an toàn")', () => {
    const text = 'Khu vực này không an toàn, An ơi';
    expect(redactPersonalData(text, { name: 'An' })).toBe(text);
  });

  it('masks a one-word name of 4+ letters, with or without its accents, but not another word', () => {
    expect(redactPersonalData('Tôi là Hương, nhà huong ở đây', { name: 'Hương' })).toBe(
      'Tôi là [name], nhà [name] ở đây',
    );
    // "Minh" written without accents is the name; "mình" (we) is another word
    expect(redactPersonalData('Minh báo: đường nhà mình bị ngập', { name: 'Minh' })).toBe(
      '[name] báo: đường nhà mình bị ngập',
    );
  });

  it('masks only the identity when asked (an anonymous report shown to agency staff)', () => {
    expect(maskReporterIdentity('Nguyễn Văn Hùng báo, gọi bảo vệ 0234 3822 123 hoặc 0905123456', reporter)).toBe(
      '[name] báo, gọi bảo vệ 0234 3822 123 hoặc [phone]',
    );
  });

  it('is fast enough for a public map page of 500 reports', () => {
    const text =
      'Ổ gà rất sâu trên đường Lê Duẩn gần chợ Đông Ba, xe máy đi qua rất nguy hiểm, nhất là buổi tối. ' +
      'Đã có người ngã hôm 12/05/2025 lúc 19:30. Mong cơ quan chức năng sớm sửa chữa, gọi 0905 123 456.';
    const started = performance.now();
    for (let i = 0; i < 500; i += 1) {
      redactPersonalData(`${text} ${i}`, { name: `Người Dân ${i % 50}`, phone: `+8490${String(i).padStart(7, '0')}` });
    }
    expect(performance.now() - started).toBeLessThan(500);
  });
});

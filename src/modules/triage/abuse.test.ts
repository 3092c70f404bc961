import { describe, expect, it } from 'vitest';
import { createAbuseDetector, detectAbuse } from './abuse.js';

describe('detectAbuse', () => {
  it.each([
    'Đm bọn cán bộ phường làm ăn kiểu gì',
    'dm ko ai lam j ca',
    'thằng ngu nào đậu xe chắn cổng',
    'thang ngu nao dau xe chan cong',
    'đồ chó, đồ khốn nạn',
    'What the fuck is wrong with you people',
    'idiots parked on the sidewalk again',
  ])('flags the insult in %j', (text) => {
    expect(detectAbuse(text)).toEqual({ flagged: true, reasons: ['insult'] });
  });

  it.each([
    'Cây lớn đổ ngang đường Lê Lợi',
    'cay lon do ngang duong le loi',
    'các anh chị ơi cứu với, cháy nhà!!!!!!',
    'cac anh chi oi xe rac ko toi',
    'con chó nhà bên cắn người',
    'đi đâu cũng thấy rác, mn ơiiiii',
    'giá 1.5 triệu, gọi 0905 123 456',
    'Pothole on Main St, about two feet wide.',
  ])('does not flag the ordinary report %j', (text) => {
    expect(detectAbuse(text)).toEqual({ flagged: false, reasons: [] });
  });

  it('flags advertising and links', () => {
    expect(detectAbuse('Vay tiền nhanh không cần thế chấp, liên hệ zalo 0905123456').reasons).toEqual(['advertising']);
    expect(detectAbuse('vay tien nhanh, lien he zalo').reasons).toEqual(['advertising']);
    expect(detectAbuse('Xem ngay http://bit.ly/abc').reasons).toEqual(['link']);
    expect(detectAbuse('Buy now at www.example.com').reasons).toEqual(['advertising', 'link']);
  });

  it('flags spam patterns: long runs of one letter, one word repeated', () => {
    expect(detectAbuse('heloooooooooo').reasons).toEqual(['repeated_characters']);
    expect(detectAbuse('rác rác rác rác rác').reasons).toEqual(['repeated_words']);
    expect(detectAbuse('test test test test test test xin chào bạn').reasons).toEqual(['repeated_words']);
  });

  it('takes its word lists from the caller too', () => {
    const detect = createAbuseDetector({ insult: { vi: ['=đồ dở'], en: ['meanie'] }, advertising: { vi: [], en: [] } });
    expect(detect('đồ dở hơi').flagged).toBe(true);
    expect(detect('do do hoi').flagged).toBe(false);
    expect(detect('what a meanie').reasons).toEqual(['insult']);
  });
});

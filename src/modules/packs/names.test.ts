import { describe, expect, it } from 'vitest';
import { englishAreaName, stripDiacritics } from './names.js';

describe('englishAreaName', () => {
  it('puts the kind of unit after the place name, without diacritics', () => {
    expect(englishAreaName('Phường Phú Xuân')).toBe('Phu Xuan Ward');
    expect(englishAreaName('Xã A Lưới 2')).toBe('A Luoi 2 Commune');
    expect(englishAreaName('Xã Chân Mây - Lăng Cô')).toBe('Chan May - Lang Co Commune');
    expect(englishAreaName('Thành phố Huế')).toBe('Hue City');
    expect(englishAreaName('Xã Đan Điền')).toBe('Dan Dien Commune');
    expect(englishAreaName('Thị xã Hương Trà')).toBe('Huong Tra Town');
    expect(englishAreaName('Tỉnh Quảng Trị')).toBe('Quang Tri Province');
  });

  it('keeps just the stripped name for a special zone or an unknown kind', () => {
    expect(englishAreaName('Đặc khu Phú Quốc')).toBe('Dac khu Phu Quoc');
    expect(englishAreaName('Khu phố Đông Ba')).toBe('Khu pho Dong Ba');
  });

  it('handles decomposed input (as typed on some keyboards)', () => {
    expect(stripDiacritics('Phường Thủy Xuân'.normalize('NFD'))).toBe('Phuong Thuy Xuan');
    expect(englishAreaName('Phường Thủy Xuân'.normalize('NFD'))).toBe('Thuy Xuan Ward');
  });
});

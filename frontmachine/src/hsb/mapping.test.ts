import fc from 'fast-check';
import { HsbProtocolError } from './envelope';
import { yuanToFen } from './mapping';

describe('yuanToFen', () => {
  it.each([
    ['0.10', 10],
    ['25.00', 2500],
    ['199.99', 19999],
    ['0.07', 7],
    ['0.29', 29],
    ['1.1', 110],
    ['25', 2500],
    ['0.00', 0],
    [' 35.00 ', 3500],
  ])('converts %j yuan to %i fen exactly', (yuan, fen) => {
    expect(yuanToFen(yuan)).toBe(fen);
  });

  it.each(['', '-1.00', '1.234', '1,00', 'abc', '.50', '1.', '1e3', 'NaN'])('refuses %j as off protocol', (yuan) => {
    expect(() => yuanToFen(yuan)).toThrow(HsbProtocolError);
  });

  it('round-trips every amount written with two decimals', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 99_999_999 }), (fen) => {
        const yuan = `${Math.floor(fen / 100)}.${String(fen % 100).padStart(2, '0')}`;
        return yuanToFen(yuan) === fen;
      }),
    );
  });
});

import fc from 'fast-check';
import type { LabFlag } from '../../typings/records';
import { abnormalFirst, isAbnormal, labMark, trendChart } from './records';

describe('labMark', () => {
  it('says every abnormal result in words and arrows, not colour alone', () => {
    expect(labMark({ flag: 'high', critical: false })).toEqual({ word: '偏高', arrow: '↑', critical: false, tone: 'high' });
    expect(labMark({ flag: 'low', critical: false })).toEqual({ word: '偏低', arrow: '↓', critical: false, tone: 'low' });
    expect(labMark({ flag: 'abnormal', critical: false })).toEqual({ word: '异常', arrow: '', critical: false, tone: 'abnormal' });
    expect(labMark({ flag: 'low', critical: true })).toEqual({ word: '偏低', arrow: '↓', critical: true, tone: 'critical' });
    expect(labMark({ flag: 'normal', critical: false })).toEqual({ word: '', arrow: '', critical: false, tone: 'normal' });
  });
});

describe('abnormalFirst', () => {
  const flags: LabFlag[] = ['normal', 'high', 'low', 'abnormal'];
  const result = fc.record({ flag: fc.constantFrom(...flags), critical: fc.boolean(), id: fc.nat() });

  it('puts critical, then abnormal, then normal results, keeping the lab’s order within each, and loses none', () => {
    fc.assert(
      fc.property(fc.array(result, { maxLength: 30 }), (results) => {
        const sorted = abnormalFirst(results);
        expect([...sorted].sort((a, b) => results.indexOf(a) - results.indexOf(b))).toEqual(results);
        const rank = (r: (typeof results)[number]) => (r.critical ? 0 : isAbnormal(r) ? 1 : 2);
        for (let i = 1; i < sorted.length; i++) {
          const [a, b] = [sorted[i - 1]!, sorted[i]!];
          expect(rank(a) < rank(b) || (rank(a) === rank(b) && results.indexOf(a) < results.indexOf(b))).toBe(true);
        }
      }),
    );
  });
});

describe('trendChart', () => {
  it('places the oldest value left, higher values higher, the range as a band', () => {
    const { points, band } = trendChart([5, 12, 8], 4, 10);
    expect(points.map((p) => p.x)).toEqual([0, 50, 100]);
    expect(points[1]!.y).toBeLessThan(points[2]!.y);
    expect(points[2]!.y).toBeLessThan(points[0]!.y);
    expect(band).not.toBeNull();
    // 12 lies above the band's top (10), 5 inside it.
    expect(points[1]!.y).toBeLessThan(band!.top);
    expect(points[0]!.y).toBeGreaterThan(band!.top);
    expect(points[0]!.y).toBeLessThan(band!.top + band!.height);
  });

  it('keeps every point inside the chart, one value centred, no band without both bounds', () => {
    fc.assert(
      fc.property(fc.array(fc.double({ min: -1e6, max: 1e6, noNaN: true }), { minLength: 1, maxLength: 20 }), (values) => {
        for (const p of trendChart(values, null, 5).points) {
          expect(p.y).toBeGreaterThanOrEqual(0);
          expect(p.y).toBeLessThanOrEqual(100);
        }
      }),
    );
    expect(trendChart([3], null, null)).toEqual({ points: [{ x: 50, y: 50 }], band: null });
  });
});

import { keepAtMost } from '../../src/lib/boundedMap';

describe('keepAtMost', () => {
  it('drops the entry set longest ago once the map is full', () => {
    const map = new Map<string, number>();
    for (const [i, key] of ['a', 'b', 'c', 'd'].entries()) {
      keepAtMost(map, 3, key, i);
    }
    expect([...map.keys()]).toEqual(['b', 'c', 'd']);
  });

  it('replaces a value it holds without dropping another', () => {
    const map = new Map([
      ['a', 1],
      ['b', 2],
    ]);
    keepAtMost(map, 2, 'b', 20);
    expect(Object.fromEntries(map)).toEqual({ a: 1, b: 20 });
  });
});

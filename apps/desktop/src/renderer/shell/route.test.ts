import { describe, expect, it } from 'vitest';
import { formatLocation, parseLocation, sameRoute, type Location } from './route';

const ws = '0190a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a5b';
const doc = '0190a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a5c';

describe('route hash', () => {
  it('round-trips every kind of route', () => {
    const cases: Location[] = [
      { workspaceId: ws, route: { kind: 'home' } },
      { workspaceId: ws, route: { kind: 'doc', docId: doc } },
      { workspaceId: ws, route: { kind: 'screen', screen: 'trash' } },
      {
        workspaceId: ws,
        route: { kind: 'screen', screen: 'instruments', item: `${doc}/runs/${doc}` },
      },
    ];
    for (const location of cases) {
      expect(parseLocation(formatLocation(location))).toEqual(location);
    }
    expect(formatLocation({ workspaceId: ws, route: { kind: 'doc', docId: doc } })).toBe(
      `#/${ws}/doc/${doc}`,
    );
  });

  it('reads damaged or foreign hashes as home or nothing, never throws', () => {
    expect(parseLocation('')).toEqual({ workspaceId: null, route: { kind: 'home' } });
    expect(parseLocation('#/%E0%A4%A')).toEqual({ workspaceId: null, route: { kind: 'home' } });
    expect(parseLocation(`#/${ws}/doc/`)).toEqual({ workspaceId: ws, route: { kind: 'home' } });
    expect(parseLocation(`#/${ws}/doc/a b`)).toEqual({ workspaceId: ws, route: { kind: 'home' } });
    expect(parseLocation(`#/${ws}/trash/a b`).route).toEqual({ kind: 'home' });
    expect(parseLocation(`#/${ws}/trash/a/b/c/d`).route).toEqual({ kind: 'home' });
    expect(formatLocation({ workspaceId: null, route: { kind: 'home' } })).toBe('');
  });

  it('compares routes by what they show', () => {
    expect(sameRoute({ kind: 'doc', docId: 'a' }, { kind: 'doc', docId: 'a' })).toBe(true);
    expect(sameRoute({ kind: 'doc', docId: 'a' }, { kind: 'doc', docId: 'b' })).toBe(false);
    expect(sameRoute({ kind: 'screen', screen: 'trash' }, { kind: 'home' })).toBe(false);
    expect(
      sameRoute(
        { kind: 'screen', screen: 'instruments', item: 'a' },
        { kind: 'screen', screen: 'instruments' },
      ),
    ).toBe(false);
  });
});

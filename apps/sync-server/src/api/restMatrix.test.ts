import { describe, expect, it } from 'vitest';
import { ACTIONS, ROLES } from '@fieldbook/shared';
import { REST_ACTION_CASES } from './restActionCases';
import { runRestMatrix } from './restMatrix';
import { openTestApi } from './testKit';
import { instrumentSeeds } from '../instruments/testing/instrumentSeeds';
import { documentSeeds } from '../history/testing/documentSeeds';

describe('REST authorization matrix (in-process)', () => {
  it('answers every role × every guarded route exactly as the permission matrix says', async () => {
    const t = await openTestApi({
      rateLimits: { loginAddress: { capacity: 100, perMinute: 100 } },
    });
    const outcomes = await runRestMatrix(
      (m, p, o) => t.call(m, p, o),
      'inproc',
      instrumentSeeds(t.telemetry, t.instruments.store),
      documentSeeds(t.docs),
    );
    expect(outcomes).toHaveLength(ROLES.length * REST_ACTION_CASES.length);
    const wrong = outcomes.filter((o) =>
      o.expected === 'allow'
        ? o.status >= 300
        : o.status !== 403 ||
          (o.body as { error?: { code?: string } }).error?.code !== 'AUTH_INSUFFICIENT_PERMISSIONS',
    );
    expect(
      wrong.map((o) => `${o.role} ${o.case.name}: ${o.status} ${JSON.stringify(o.body)}`),
    ).toEqual([]);
    expect(
      outcomes.some((o) => o.expected === 'allow') && outcomes.some((o) => o.expected === 'deny'),
    ).toBe(true);
    for (const c of REST_ACTION_CASES) expect(ACTIONS).toContain(c.action);
    expect(t.errors).toEqual([]);
  });
});

import { describe, expect, it } from 'vitest';
import { ACTIONS, can, type Grant, ROLES } from './permissions';

const g = (role: Grant['role'], operator = false): Grant => ({
  role,
  capabilities: operator ? ['operator'] : [],
});

describe('permission matrix', () => {
  it('gives a stronger role every right of a weaker one', () => {
    for (const action of ACTIONS) {
      for (let i = 1; i < ROLES.length; i++) {
        for (const own of [true, false]) {
          if (can(g(ROLES[i - 1]!, true), action, { own }))
            expect(can(g(ROLES[i]!, true), action, { own }), `${ROLES[i]} ${action}`).toBe(true);
        }
      }
    }
  });

  it('follows seed 000: viewer reads, contributor edits own, reviewer edits all and approves, admin deletes', () => {
    expect(can(g('viewer'), 'document.read')).toBe(true);
    expect(can(g('viewer'), 'sync.write')).toBe(false);
    expect(can(g('contributor'), 'annotation.create')).toBe(true);
    expect(can(g('contributor'), 'annotation.edit', { own: true })).toBe(true);
    expect(can(g('contributor'), 'annotation.edit', { own: false })).toBe(false);
    expect(can(g('reviewer'), 'annotation.edit')).toBe(true);
    expect(can(g('contributor'), 'annotation.approve')).toBe(false);
    expect(can(g('reviewer'), 'annotation.approve')).toBe(true);
    expect(can(g('reviewer'), 'version.restore')).toBe(true);
    expect(can(g('reviewer'), 'annotation.delete')).toBe(false);
    expect(can(g('admin'), 'annotation.delete')).toBe(true);
    expect(can(g('reviewer'), 'audit.read')).toBe(false);
    expect(can(g('admin'), 'audit.read')).toBe(true);
  });

  it('requires the operator capability for instrument control, whatever the role', () => {
    expect(can(g('admin'), 'instrument.command')).toBe(false);
    expect(can(g('contributor', true), 'instrument.command')).toBe(true);
    expect(can(g('viewer', true), 'instrument.command')).toBe(false);
  });

  it('denies everything to a non-member', () => {
    for (const action of ACTIONS) expect(can(null, action, { own: true })).toBe(false);
  });
});

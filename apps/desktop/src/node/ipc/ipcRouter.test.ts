import { FieldbookError } from '@fieldbook/shared';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { IPC_CHANNELS } from '../../common/bridge';
import { unwrapIpcResult } from '../../common/ipcResult';
import { appRoutes } from './appRoutes';
import { dispatchIpc, route } from './ipcRouter';

const routes = {
  ...appRoutes({ name: 'Fieldbook', version: '0.1.0', platform: 'linux' }),
  'test:double': route(z.object({ n: z.number().int() }), ({ n }) => n * 2),
  'test:conflict': route(z.undefined(), () => {
    throw new FieldbookError('CONFLICT', 'already there', { id: 'x' });
  }),
  'test:crash': route(z.undefined(), () => {
    throw new Error('/home/secret/path exploded');
  }),
};

describe('dispatchIpc', () => {
  it('answers app info', async () => {
    const result = await dispatchIpc(routes, IPC_CHANNELS.appInfo, undefined);
    expect(unwrapIpcResult(result)).toEqual({
      name: 'Fieldbook',
      version: '0.1.0',
      platform: 'linux',
    });
  });

  it('validates input with the route schema', async () => {
    expect(await dispatchIpc(routes, 'test:double', { n: 21 })).toEqual({ ok: true, value: 42 });
    const bad = await dispatchIpc(routes, 'test:double', { n: 'x' });
    expect(bad.ok).toBe(false);
    if (!bad.ok) {
      expect(bad.error.code).toBe('VALIDATION_ERROR');
      expect(bad.error.details).toEqual([expect.objectContaining({ path: 'n' })]);
    }
  });

  it('refuses unknown channels, including inherited object keys', async () => {
    for (const channel of ['nope', 'constructor', '__proto__']) {
      const result = await dispatchIpc(routes, channel, undefined);
      expect(result).toMatchObject({ ok: false, error: { code: 'RESOURCE_NOT_FOUND' } });
    }
  });

  it('keeps the code of a FieldbookError and hides unexpected error text', async () => {
    const conflict = await dispatchIpc(routes, 'test:conflict', undefined);
    expect(() => unwrapIpcResult(conflict)).toThrow(FieldbookError);
    expect(conflict).toEqual({
      ok: false,
      error: { code: 'CONFLICT', message: 'already there', details: { id: 'x' } },
    });
    const seen: unknown[] = [];
    const crash = await dispatchIpc(routes, 'test:crash', undefined, (e) => seen.push(e));
    expect(crash).toEqual({
      ok: false,
      error: { code: 'INTERNAL_ERROR', message: 'Internal error' },
    });
    expect(seen).toHaveLength(1);
  });
});

import { describe, expect, it } from 'vitest';
import { FieldbookError } from '@fieldbook/shared';
import { loadConfig } from './config';

describe('loadConfig', () => {
  it('applies defaults', () => {
    const config = loadConfig({});
    expect(config).toMatchObject({
      port: 4400,
      host: '127.0.0.1',
      durability: 'normal',
      authMode: 'dev',
      secret: undefined,
    });
  });

  it('reads limits and durability from the environment', () => {
    const config = loadConfig({
      PORT: '0',
      MAX_MESSAGE_BYTES: '65536',
      IDLE_UNLOAD_MS: '1000',
      DURABILITY: 'power',
      FIELDBOOK_SECRET: 's'.repeat(32),
    });
    expect(config).toMatchObject({
      port: 0,
      maxMessageBytes: 65536,
      idleUnloadMs: 1000,
      durability: 'power',
      secret: 's'.repeat(32),
    });
  });

  it('names the variable and the problem for a bad value', () => {
    const attempt = (env: Record<string, string>) => {
      try {
        loadConfig(env);
      } catch (error) {
        return error;
      }
      throw new Error('expected loadConfig to throw');
    };
    const badPort = attempt({ PORT: 'eighty' }) as FieldbookError;
    expect(badPort).toBeInstanceOf(FieldbookError);
    expect(badPort.code).toBe('VALIDATION_ERROR');
    expect(badPort.message).toMatch(/^Invalid configuration: PORT: /);
    expect((attempt({ PORT: '70000' }) as Error).message).toMatch(/PORT/);
    expect((attempt({ DURABILITY: 'maybe' }) as Error).message).toMatch(/DURABILITY/);
    expect((attempt({ FIELDBOOK_SECRET: 'short' }) as Error).message).toMatch(
      /FIELDBOOK_SECRET: must be at least 32 characters/,
    );
    expect((attempt({ FIELDBOOK_SECRET: 'short' }) as Error).message).not.toContain('short"');
  });

  it('refuses to bind development mode beyond loopback', () => {
    expect(() => loadConfig({ HOST: '0.0.0.0' })).toThrow(/only binds to loopback/);
    expect(loadConfig({ HOST: '::1' }).host).toBe('::1');
  });

  it('authenticates tenants when a secret is set, and requires one for AUTH_MODE=tenant', () => {
    expect(loadConfig({ FIELDBOOK_SECRET: 's'.repeat(32) }).authMode).toBe('tenant');
    expect(loadConfig({ FIELDBOOK_SECRET: 's'.repeat(32), AUTH_MODE: 'dev' }).authMode).toBe('dev');
    expect(() => loadConfig({ AUTH_MODE: 'tenant' })).toThrow(/FIELDBOOK_SECRET: required/);
    const open = loadConfig({
      AUTH_MODE: 'tenant',
      FIELDBOOK_SECRET: 's'.repeat(32),
      HOST: '0.0.0.0',
    });
    expect(open.host).toBe('0.0.0.0');
  });

  it('treats an empty secret as unset', () => {
    expect(loadConfig({ FIELDBOOK_SECRET: '' }).secret).toBeUndefined();
  });
});

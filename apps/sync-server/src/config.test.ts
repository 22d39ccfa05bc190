import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { FieldbookError } from '@fieldbook/shared';
import { loadConfig } from './config';
import { tempDir } from './testing/harness';

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
      RATE_LIMIT_USER_PER_MINUTE: '6000',
    });
    expect(config).toMatchObject({
      port: 0,
      maxMessageBytes: 65536,
      idleUnloadMs: 1000,
      durability: 'power',
      secret: 's'.repeat(32),
      requestLimits: { user: 6000, apiKey: 1000, tenant: 5000 },
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

  describe('audit settings', () => {
    const key = (id: string, fill = 7) => `${id}:${Buffer.alloc(32, fill).toString('base64')}`;

    it('has defaults: keys derived later, checkpoints every 10 minutes, nothing published', () => {
      expect(loadConfig({}).audit).toEqual({
        keys: [],
        signingKeyPem: undefined,
        checkpointIntervalMs: 600_000,
        checkpointFile: undefined,
        checkpointUrl: undefined,
        tsaUrl: undefined,
        tsaCaPem: undefined,
      });
    });

    it('reads keys (current first) from AUDIT_KEYS or a key file outside DATA_DIR', () => {
      const { keys } = loadConfig({ AUDIT_KEYS: `${key('k2', 2)}, ${key('k1', 1)}` }).audit;
      expect(keys.map((k) => [k.id, k.secret[0]])).toEqual([
        ['k2', 2],
        ['k1', 1],
      ]);
      const dir = tempDir('fb-config-');
      try {
        const file = join(dir.dir, 'keys');
        writeFileSync(file, `# rotated 2026-01\n${key('new', 3)}\n${key('old', 4)}\n`);
        const fromFile = loadConfig({ AUDIT_KEY_FILE: file, DATA_DIR: join(dir.dir, 'data') });
        expect(fromFile.audit.keys.map((k) => k.id)).toEqual(['new', 'old']);
      } finally {
        dir.cleanup();
      }
    });

    it('refuses weak, duplicate or malformed keys, and both key settings at once', () => {
      expect(() => loadConfig({ AUDIT_KEYS: 'k1:c2hvcnQ=' })).toThrow(
        /AUDIT_KEYS: key k1: at least 32 bytes/,
      );
      expect(() => loadConfig({ AUDIT_KEYS: `${key('a')},${key('a')}` })).toThrow(/unique/);
      expect(() => loadConfig({ AUDIT_KEYS: 'no colon' })).toThrow(/AUDIT_KEYS: entry 1/);
      expect(() => loadConfig({ AUDIT_KEYS: key('a'), AUDIT_KEY_FILE: '/etc/x' })).toThrow(
        /not both/,
      );
      expect(() => loadConfig({ AUDIT_KEY_FILE: '/nonexistent/keys' })).toThrow(
        /AUDIT_KEY_FILE: cannot read/,
      );
      expect(() => loadConfig({ AUDIT_TSA_URL: 'ftp://tsa' })).toThrow(/AUDIT_TSA_URL/);
      expect(() => loadConfig({ AUDIT_CHECKPOINT_INTERVAL_MS: '10' })).toThrow(
        /AUDIT_CHECKPOINT_INTERVAL_MS/,
      );
    });

    it('refuses key and checkpoint files inside DATA_DIR', () => {
      const dir = tempDir('fb-config-');
      try {
        const data = join(dir.dir, 'data');
        mkdirSync(data);
        writeFileSync(join(data, 'keys'), key('k'));
        for (const name of ['AUDIT_KEY_FILE', 'AUDIT_SIGNING_KEY_FILE', 'AUDIT_CHECKPOINT_FILE']) {
          expect(() => loadConfig({ DATA_DIR: data, [name]: join(data, 'keys') })).toThrow(
            new RegExp(`${name}: must be outside DATA_DIR`),
          );
          expect(() =>
            loadConfig({ DATA_DIR: data, [name]: join(data, 'sub', '..', 'x') }),
          ).toThrow(/outside DATA_DIR/);
        }
        expect(
          loadConfig({ DATA_DIR: data, AUDIT_CHECKPOINT_FILE: join(dir.dir, 'cp.jsonl') }).audit
            .checkpointFile,
        ).toBe(join(dir.dir, 'cp.jsonl'));
      } finally {
        dir.cleanup();
      }
    });
  });
});

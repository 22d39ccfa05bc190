import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { createLogger, pathOnly } from './log';

function capture() {
  const lines: string[] = [];
  const stream = new Writable({
    write(chunk, _enc, done) {
      lines.push(String(chunk));
      done();
    },
  });
  return { log: createLogger('info', stream), lines };
}

describe('logger', () => {
  it('writes JSON lines and censors tokens, tickets, URLs and headers', () => {
    const { log, lines } = capture();
    log.info(
      {
        token: 'tok-123',
        ticket: 'tic-456',
        url: '/sync/a/b?ticket=tic-456',
        headers: { 'sec-websocket-protocol': 'fieldbook.v1, bearer.tok-123' },
        ctx: { secret: 'sss', password: 'pw' },
        docId: 'kept',
      },
      'hello',
    );
    const text = lines.join('');
    expect(JSON.parse(lines[0]!)).toMatchObject({ msg: 'hello', docId: 'kept' });
    for (const secret of ['tok-123', 'tic-456', 'sss', 'pw"', '?ticket']) {
      expect(text).not.toContain(secret);
    }
  });

  it('strips query strings and fragments from paths', () => {
    expect(pathOnly('/sync/w/d?ticket=abc')).toBe('/sync/w/d');
    expect(pathOnly('/health#x')).toBe('/health');
    expect(pathOnly(undefined)).toBe('/');
  });
});

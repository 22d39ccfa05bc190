/**
 * A test load balancer: HAProxy (Debian's package, installed by .ci/run) in
 * front of node processes on this machine, as docs/deploy.md configures it.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';

const freePort = () =>
  new Promise<number>((resolve) => {
    const probe = createServer().listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as { port: number };
      probe.close(() => resolve(port));
    });
  });

/** HAProxy (Debian's package) in front of `ports`, round robin, /health checked every 300 ms (2 s to answer). */
export async function haproxy(
  dir: string,
  ports: number[],
): Promise<{ port: number; stop(): void }> {
  const port = await freePort();
  const config = join(dir, 'haproxy.cfg');
  writeFileSync(
    config,
    [
      'defaults',
      '  mode http',
      '  timeout connect 2s',
      '  timeout client 60s',
      '  timeout server 60s',
      '  timeout tunnel 1h',
      '  retries 3',
      '  option redispatch',
      'frontend fieldbook',
      `  bind 127.0.0.1:${port}`,
      '  default_backend nodes',
      'backend nodes',
      '  balance roundrobin',
      '  option httpchk GET /health',
      // A dead node refuses the check at once (down in ~0.6 s); a busy one gets 2 s to answer
      // /health — with the check's default timeout of `inter` (300 ms), one slow answer on a
      // loaded CI machine marked a live node down and cut its clients off mid-test.
      '  timeout check 2s',
      '  default-server inter 300 fall 2 rise 1 on-marked-down shutdown-sessions',
      ...ports.map((p, i) => `  server node${i} 127.0.0.1:${p} check`),
      '',
    ].join('\n'),
  );
  const child: ChildProcess = spawn('haproxy', ['-db', '-f', config], { stdio: 'ignore' });
  const deadline = Date.now() + 30_000;
  for (;;) {
    const health = await fetch(`http://127.0.0.1:${port}/health`).catch(() => null);
    if (health?.ok) break;
    if (child.exitCode !== null || Date.now() > deadline) throw new Error('haproxy did not start');
    await new Promise((r) => setTimeout(r, 100));
  }
  return { port, stop: () => child.kill('SIGTERM') };
}

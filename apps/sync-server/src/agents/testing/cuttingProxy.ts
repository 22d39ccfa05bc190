import { createServer, connect, type Server, type Socket } from 'node:net';
import type { AddressInfo } from 'node:net';

/**
 * A TCP relay between an agent and the gateway that can kill a connection
 * part-way through the agent's bytes (mid-frame, mid-batch), like a dropped
 * radio link. Real sockets both sides.
 */
export class CuttingProxy {
  private readonly server: Server;
  private readonly pairs = new Set<[Socket, Socket]>();
  private budget: number | null = null;
  private replies = true;
  private down = false;
  /** Connections killed so far. */
  cuts = 0;

  constructor(private readonly targetPort: number) {
    this.server = createServer((client) => {
      if (this.down) return client.destroy();
      const upstream = connect(targetPort, '127.0.0.1');
      const pair: [Socket, Socket] = [client, upstream];
      this.pairs.add(pair);
      const end = () => {
        this.pairs.delete(pair);
        client.destroy();
        upstream.destroy();
      };
      client.on('error', end).on('close', end);
      upstream.on('error', end).on('close', end);
      upstream.on('data', (d) => {
        if (this.replies) client.write(d);
      });
      client.on('data', (d: Buffer) => {
        if (this.budget !== null && d.byteLength > this.budget) {
          upstream.write(d.subarray(0, this.budget), () => end());
          this.budget = null;
          this.cuts++;
          return;
        }
        if (this.budget !== null) this.budget -= d.byteLength;
        upstream.write(d);
      });
    });
  }

  async listen(): Promise<number> {
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    return (this.server.address() as AddressInfo).port;
  }

  /** Lets `bytes` more agent bytes through, then kills that connection mid-stream. */
  cutAfter(bytes: number): void {
    this.budget = bytes;
  }

  /** Stops passing the server's bytes to the agent (acks lost on the way back), or resumes. */
  passReplies(on: boolean): void {
    this.replies = on;
  }

  /** Link down: kills every connection and refuses new ones until `linkUp`. */
  linkDown(): void {
    this.down = true;
    this.cutAll();
  }

  linkUp(): void {
    this.down = false;
  }

  /** Kills every connection now. */
  cutAll(): void {
    for (const [a, b] of this.pairs) {
      a.destroy();
      b.destroy();
      this.cuts++;
    }
    this.pairs.clear();
  }

  async close(): Promise<void> {
    for (const [a, b] of this.pairs) {
      a.destroy();
      b.destroy();
    }
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }
}

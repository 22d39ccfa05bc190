/**
 * A sync server as a real child process (`src/main.ts` through tsx), for
 * tests that kill it with SIGKILL: resolves with its port once it logs
 * "listening". Embedded SQLite mode unless `env` says otherwise.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { EMBEDDED_MODE_ENV } from '../config';

const appDir = join(import.meta.dirname, '../..');

/** A started server process: the child, its port and every line it logged. */
export interface ServerProcess {
  child: ChildProcess;
  port: number;
  lines: string[];
}

/** Starts a server on a free port with DATA_DIR `dataDir` and the extra settings `env`. */
export async function spawnServer(
  dataDir: string,
  env: Record<string, string> = {},
): Promise<ServerProcess> {
  const lines: string[] = [];
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
    cwd: appDir,
    env: {
      ...process.env,
      ...EMBEDDED_MODE_ENV,
      PORT: '0',
      DATA_DIR: dataDir,
      LOG_LEVEL: 'info',
      ...env,
    },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const port = await new Promise<number>((resolve, reject) => {
    child.once('exit', (code) => reject(new Error(`server exited with ${code}`)));
    createInterface({ input: child.stdout! }).on('line', (line) => {
      lines.push(line);
      if (line.includes('"msg":"listening"')) resolve(JSON.parse(line).port);
    });
  });
  return { child, port, lines };
}

import { open, readFile } from 'node:fs/promises';
import { CheckpointSchema, type Checkpoint } from './checkpoints';
import type { CheckpointPublicKey } from './checkpointSigner';

/**
 * Appends checkpoints to `file` as JSON lines (opened for append only, and
 * fdatasync'ed), e.g. on a disk or mount the database's host cannot rewrite.
 */
export async function appendCheckpointLines(
  file: string,
  checkpoints: readonly Checkpoint[],
): Promise<void> {
  if (checkpoints.length === 0) return;
  const handle = await open(file, 'a', 0o644);
  try {
    await handle.write(checkpoints.map((cp) => `${JSON.stringify(cp)}\n`).join(''));
    await handle.datasync();
  } finally {
    await handle.close();
  }
}

/** The checkpoints of `tenantId` in a checkpoint file, and how many lines did not parse. */
export async function readCheckpointLines(
  file: string,
  tenantId: string,
): Promise<{ checkpoints: Checkpoint[]; unreadable: number }> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return { checkpoints: [], unreadable: 0 };
    throw err;
  }
  const checkpoints: Checkpoint[] = [];
  let unreadable = 0;
  for (const line of text.split('\n')) {
    if (!line.trim()) continue;
    let parsed: ReturnType<typeof CheckpointSchema.safeParse>;
    try {
      parsed = CheckpointSchema.safeParse(JSON.parse(line));
    } catch {
      unreadable++;
      continue;
    }
    if (!parsed.success) unreadable++;
    else if (parsed.data.tenantId === tenantId) checkpoints.push(parsed.data);
  }
  return { checkpoints, unreadable };
}

/** POSTs checkpoints with the key that signed them to `url` as JSON; throws unless it answers 2xx. */
export async function postCheckpoints(
  url: string,
  checkpoints: readonly Checkpoint[],
  publicKey: CheckpointPublicKey,
  timeoutMs = 5_000,
): Promise<void> {
  if (checkpoints.length === 0) return;
  const res = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ publicKey, checkpoints }),
    signal: AbortSignal.timeout(timeoutMs),
  });
  if (!res.ok) throw new Error(`checkpoint URL answered HTTP ${res.status}`);
}

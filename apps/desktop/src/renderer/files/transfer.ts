import { ERROR_STATUS, FieldbookError, type ErrorCode } from '@fieldbook/shared';

/** Where file transfers go: the server, the workspace, the current access token. */
export interface FilesSource {
  readonly serverUrl: string;
  readonly workspaceId: string;
  readonly accessToken: () => string;
}

/** Bytes moved so far and, when the server said, how many in all. */
export interface TransferProgress {
  readonly done: number;
  readonly total: number | null;
}

function errorOf(status: number, body: string): FieldbookError {
  try {
    const { error } = JSON.parse(body) as { error?: { code?: string; message?: string } };
    if (error?.code && Object.hasOwn(ERROR_STATUS, error.code))
      return new FieldbookError(error.code as ErrorCode, error.message ?? `HTTP ${status}`);
  } catch {
    // not JSON: the status says enough
  }
  return new FieldbookError(
    status === 404 ? 'RESOURCE_NOT_FOUND' : 'SERVICE_UNAVAILABLE',
    `The server answered ${status}`,
  );
}

/** The file name of a Content-Disposition header (RFC 6266, filename* first). */
export function fileNameOf(disposition: string | null, fallback: string): string {
  if (!disposition) return fallback;
  const star = /filename\*=UTF-8''([^;]+)/i.exec(disposition);
  if (star) {
    try {
      return decodeURIComponent(star[1]!);
    } catch {
      // a malformed name: try the plain one
    }
  }
  const plain = /filename="?([^";]+)"?/i.exec(disposition);
  return plain?.[1] ?? fallback;
}

/**
 * GETs `path` under /api/v1 as a Blob, reporting progress as the body
 * streams in; `signal` cancels. Errors carry the server's code and sentence.
 */
export async function download(
  source: FilesSource,
  path: string,
  onProgress: (p: TransferProgress) => void,
  signal?: AbortSignal,
): Promise<{ blob: Blob; fileName: string | null }> {
  let res: Response;
  try {
    res = await fetch(`${source.serverUrl}/api/v1${path}`, {
      headers: { authorization: `Bearer ${source.accessToken()}` },
      signal,
    });
  } catch (err) {
    if (signal?.aborted) throw err;
    throw new FieldbookError('SERVICE_UNAVAILABLE', 'The sync server cannot be reached');
  }
  if (!res.ok) throw errorOf(res.status, await res.text());
  const length = Number(res.headers.get('content-length'));
  const total = Number.isFinite(length) && length > 0 ? length : null;
  const reader = res.body!.getReader();
  const chunks: Uint8Array[] = [];
  let done = 0;
  for (;;) {
    const next = await reader.read();
    if (next.done) break;
    chunks.push(next.value);
    done += next.value.byteLength;
    onProgress({ done, total });
  }
  const type = res.headers.get('content-type') ?? 'application/octet-stream';
  return {
    blob: new Blob(chunks as BlobPart[], { type }),
    fileName: fileNameOf(res.headers.get('content-disposition'), '') || null,
  };
}

/**
 * Sends `body` to `path` under /api/v1 (XMLHttpRequest: browsers report
 * upload progress only there) and returns the parsed JSON answer.
 */
export function upload<T>(
  source: FilesSource,
  method: 'POST' | 'PUT',
  path: string,
  body: Blob,
  onProgress: (p: TransferProgress) => void,
  signal?: AbortSignal,
): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open(method, `${source.serverUrl}/api/v1${path}`);
    xhr.setRequestHeader('authorization', `Bearer ${source.accessToken()}`);
    xhr.setRequestHeader('content-type', body.type || 'application/octet-stream');
    xhr.upload.onprogress = (e) =>
      onProgress({ done: e.loaded, total: e.lengthComputable ? e.total : null });
    xhr.onload = () => {
      if (xhr.status >= 200 && xhr.status < 300) {
        try {
          resolve(JSON.parse(xhr.responseText) as T);
        } catch {
          reject(
            new FieldbookError(
              'SERVICE_UNAVAILABLE',
              'The server sent an answer the app cannot read',
            ),
          );
        }
      } else reject(errorOf(xhr.status, xhr.responseText));
    };
    xhr.onerror = () =>
      reject(new FieldbookError('SERVICE_UNAVAILABLE', 'The sync server cannot be reached'));
    xhr.onabort = () => reject(new DOMException('Cancelled', 'AbortError'));
    signal?.addEventListener('abort', () => xhr.abort(), { once: true });
    xhr.send(body);
  });
}

/** Offers `blob` to the user as a file named `name` (the browser's or the desktop's save flow). */
export function saveBlob(blob: Blob, name: string): void {
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  a.style.display = 'none';
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}

/** "3.2 MB", "840 kB", "12 B". */
export function sizeText(bytes: number): string {
  if (bytes < 1000) return `${bytes} B`;
  if (bytes < 1e6) return `${(bytes / 1e3).toFixed(bytes < 1e4 ? 1 : 0)} kB`;
  return `${(bytes / 1e6).toFixed(1)} MB`;
}

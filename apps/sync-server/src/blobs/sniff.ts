/**
 * The content type of a blob, from its first bytes (never its name): a known
 * binary signature (file-type), else UTF-8 text without NULs is text/plain,
 * else application/octet-stream. SVG and HTML come out as text/plain or
 * octet-stream, so they are never served as something a browser runs.
 */
export async function sniffMimeType(head: Buffer): Promise<string> {
  if (head.length === 0) return 'application/octet-stream';
  // file-type loads on the first upload (its signature tables are ~10 MiB resident).
  const { fileTypeFromBuffer } = await import('file-type');
  const type = await fileTypeFromBuffer(head);
  if (type) return type.mime;
  if (head.includes(0)) return 'application/octet-stream';
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(head, { stream: true });
    return 'text/plain';
  } catch {
    return 'application/octet-stream';
  }
}

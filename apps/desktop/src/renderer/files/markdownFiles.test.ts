import { describe, expect, it } from 'vitest';
import { MAX_MARKDOWN_BYTES, readMarkdownFiles } from './markdownFiles';

const file = (name: string, body: string | Uint8Array<ArrayBuffer>) => new File([body], name);

describe('reading Markdown files for import', () => {
  it('reads every file as a note, in order', async () => {
    const notes = await readMarkdownFiles([
      file('drive.md', '---\ntitle: Drive log\n---\nNorth.\n'),
      file('wheel.md', '# Wheel check\n\n0.9 A'),
    ]);
    expect(notes).toEqual([
      { title: 'Drive log', text: 'North.\n' },
      { title: 'Wheel check', text: '0.9 A' },
    ]);
  });

  it('refuses the whole batch naming the first bad file and why', async () => {
    const good = file('good.md', '# Fine');
    await expect(
      readMarkdownFiles([good, file('photo.png', new Uint8Array([0x89, 0x50, 0xff, 0xfe]))]),
    ).rejects.toMatchObject({
      code: 'VALIDATION_ERROR',
      message: 'photo.png is not UTF-8 text. Nothing was imported.',
      details: { file: 'photo.png' },
    });
    await expect(
      readMarkdownFiles([file('dump.md', new Uint8Array([0x61, 0x00, 0x62])), good]),
    ).rejects.toThrow('dump.md is a binary file, not Markdown');
    const huge = {
      name: 'huge.md',
      size: MAX_MARKDOWN_BYTES + 1,
      arrayBuffer: () => good.arrayBuffer(),
    };
    await expect(readMarkdownFiles([good, huge])).rejects.toMatchObject({
      code: 'PAYLOAD_TOO_LARGE',
      message: expect.stringContaining('huge.md is larger than 5 MB') as string,
    });
    const gone = {
      name: 'gone.md',
      size: 3,
      arrayBuffer: () => Promise.reject(new Error('NotFound')),
    };
    await expect(readMarkdownFiles([gone])).rejects.toThrow('gone.md could not be read');
  });

  it('stops when cancelled', async () => {
    const controller = new AbortController();
    controller.abort();
    await expect(readMarkdownFiles([file('a.md', 'x')], controller.signal)).rejects.toMatchObject({
      name: 'AbortError',
    });
  });
});

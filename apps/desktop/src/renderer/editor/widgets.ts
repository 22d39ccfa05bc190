import { WidgetType, type EditorView } from '@codemirror/view';
import { openLinkedDocument } from './linkTargets';
import { showAttachmentImage } from '../files/editorAttachments';

/** The dot shown instead of "-", "*" or "+" of a bullet list item. */
export class BulletWidget extends WidgetType {
  override eq(): boolean {
    return true;
  }
  toDOM(): HTMLElement {
    const dot = document.createElement('span');
    dot.className = 'cm-md-bullet';
    dot.textContent = '•';
    dot.setAttribute('aria-hidden', 'true');
    return dot;
  }
}

/** A task's checkbox; a click toggles "[ ]" / "[x]" in the text (one edit, synced like typing). */
export class CheckboxWidget extends WidgetType {
  constructor(private readonly checked: boolean) {
    super();
  }
  override eq(other: CheckboxWidget): boolean {
    return other.checked === this.checked;
  }
  toDOM(view: EditorView): HTMLElement {
    const box = document.createElement('input');
    box.type = 'checkbox';
    box.className = 'cm-md-task';
    box.checked = this.checked;
    box.disabled = view.state.readOnly;
    box.setAttribute('aria-label', this.checked ? 'Done: mark as not done' : 'Mark as done');
    box.addEventListener('mousedown', (e) => e.preventDefault());
    box.addEventListener('click', (e) => {
      e.preventDefault();
      if (view.state.readOnly) return;
      const pos = view.posAtDOM(box);
      const marker = view.state.sliceDoc(pos, pos + 3);
      if (!/^\[[ xX]\]$/.test(marker)) return;
      view.dispatch({
        changes: { from: pos + 1, to: pos + 2, insert: this.checked ? ' ' : 'x' },
        userEvent: 'input.toggle',
      });
    });
    return box;
  }
  override ignoreEvent(): boolean {
    return true;
  }
}

/** An internal link `[[<id>]]` shown as the linked document's title; a click opens it. */
export class DocLinkWidget extends WidgetType {
  constructor(
    private readonly id: string,
    private readonly title: string | null,
  ) {
    super();
  }
  override eq(other: DocLinkWidget): boolean {
    return other.id === this.id && other.title === this.title;
  }
  toDOM(view: EditorView): HTMLElement {
    const link = document.createElement('a');
    link.className = `cm-md-doclink${this.title === null ? ' cm-md-doclink--missing' : ''}`;
    link.textContent = this.title ?? 'Missing document';
    link.href = `#doc-${this.id}`;
    link.dataset.docId = this.id;
    link.title =
      this.title === null ? 'This document is not in the workspace' : `Open “${this.title}”`;
    link.addEventListener('mousedown', (e) => e.preventDefault());
    link.addEventListener('click', (e) => {
      e.preventDefault();
      if (this.title !== null) view.state.facet(openLinkedDocument)(this.id);
    });
    return link;
  }
  override ignoreEvent(): boolean {
    return true;
  }
}

/** An image of `![alt](url)`, shown in place of its source. */
export class ImageWidget extends WidgetType {
  constructor(
    private readonly url: string,
    private readonly alt: string,
  ) {
    super();
  }
  override eq(other: ImageWidget): boolean {
    return other.url === this.url && other.alt === this.alt;
  }
  toDOM(): HTMLElement {
    const frame = document.createElement('span');
    frame.className = 'cm-md-image';
    const img = document.createElement('img');
    img.alt = this.alt;
    img.loading = 'lazy';
    const broken = () => {
      frame.classList.add('cm-md-image--broken');
      frame.textContent = `Image not available: ${this.alt || this.url}`;
    };
    img.addEventListener('error', broken);
    // An attachment's bytes come from this device or, once, from the server.
    if (!showAttachmentImage(img, this.url, broken)) img.src = this.url;
    frame.append(img);
    return frame;
  }
}

/** A horizontal rule's line. */
export class RuleWidget extends WidgetType {
  override eq(): boolean {
    return true;
  }
  toDOM(): HTMLElement {
    const hr = document.createElement('span');
    hr.className = 'cm-md-hr';
    hr.setAttribute('aria-hidden', 'true');
    return hr;
  }
}

/**
 * While a modal dialog or menu is open, Radix hides the rest of the page from
 * assistive technology with aria-hidden on the app's root. This mirrors that
 * to `inert`, so what is hidden can also not take focus (a hidden but
 * focusable control is an accessibility failure of its own).
 */
export function installModalInert(root: HTMLElement): () => void {
  const sync = () => {
    root.inert = root.getAttribute('aria-hidden') === 'true';
  };
  const observer = new MutationObserver(sync);
  observer.observe(root, { attributes: true, attributeFilter: ['aria-hidden'] });
  sync();
  return () => observer.disconnect();
}

// focus.ts: the focus rules shared by the dialogs (Modal, SidePanel).
import type { KeyboardEvent } from 'react';

/** FOCUSABLE selects the elements Tab can reach. */
export const FOCUSABLE =
  'a[href], button:not([disabled]), input:not([disabled]), select:not([disabled]), textarea:not([disabled]), [tabindex]:not([tabindex="-1"])';

/**
 * trapTab keeps Tab and Shift+Tab inside root: from the last focusable element Tab wraps to the
 * first, and back. Focus on root itself (or anything not in the list) wraps the same way.
 */
export function trapTab(event: KeyboardEvent<HTMLElement>, root: HTMLElement | null) {
  if (event.key !== 'Tab' || !root) return;
  const focusable = Array.from(root.querySelectorAll<HTMLElement>(FOCUSABLE));
  const first = focusable[0];
  const last = focusable[focusable.length - 1];
  if (!first || !last) {
    event.preventDefault();
    return;
  }
  const active = document.activeElement;
  const inside = active instanceof HTMLElement && focusable.includes(active);
  if (event.shiftKey && (active === first || !inside)) {
    event.preventDefault();
    last.focus();
  } else if (!event.shiftKey && (active === last || !inside)) {
    event.preventDefault();
    first.focus();
  }
}

/**
 * dialogKeyDown is the key handling every dialog shares: Escape closes it (without reaching
 * the page behind), Tab stays inside root.
 */
export function dialogKeyDown(event: KeyboardEvent<HTMLElement>, root: HTMLElement | null, onClose: () => void) {
  if (event.key === 'Escape') {
    event.preventDefault();
    event.stopPropagation();
    onClose();
    return;
  }
  trapTab(event, root);
}

import { useCallback, useEffect, useId, useMemo, useRef, useState, type KeyboardEvent, type ReactNode } from 'react';

/** MenuItem is one action. Disabled items stay focusable (WAI-ARIA menu pattern) but do nothing. */
export interface MenuItem {
  kind: 'item';
  id: string;
  label: string;
  /** detail is a secondary line (e.g. a file path). */
  detail?: string;
  /** shortcut is shown to the right, e.g. "Ctrl+O"; keyShortcut is its aria-keyshortcuts form. */
  shortcut?: string;
  keyShortcut?: string;
  disabled?: boolean;
  title?: string;
  onSelect: () => void;
}

/** MenuGroup is a labelled run of items, such as the recent files. */
export interface MenuGroup {
  kind: 'group';
  id: string;
  label: string;
  items: MenuItem[];
}

/** MenuSeparator draws a rule between entries. */
export interface MenuSeparator {
  kind: 'separator';
  id: string;
}

export type MenuEntry = MenuItem | MenuGroup | MenuSeparator;

/** MenuButtonProps: label is the button text; testId is set on the button. */
export interface MenuButtonProps {
  label: ReactNode;
  entries: MenuEntry[];
  testId?: string;
  /** onOpen runs whenever the menu opens (e.g. to refresh its contents). */
  onOpen?: () => void;
}

function flatten(entries: MenuEntry[]): MenuItem[] {
  return entries.flatMap((e) => (e.kind === 'item' ? [e] : e.kind === 'group' ? e.items : []));
}

/**
 * MenuButton is a button that opens a menu, following the WAI-ARIA menu button pattern:
 * Enter, Space or ArrowDown open it on the first item, ArrowUp on the last; inside, arrows,
 * Home and End move, Enter or Space choose, Escape closes and returns focus to the button,
 * Tab closes and moves on. A click outside closes it.
 */
export function MenuButton({ label, entries, testId, onOpen }: MenuButtonProps) {
  const buttonId = useId();
  const menuId = useId();
  const [open, setOpen] = useState(false);
  const [active, setActive] = useState(0);
  const rootRef = useRef<HTMLDivElement>(null);
  const buttonRef = useRef<HTMLButtonElement>(null);
  const itemRefs = useRef(new Map<string, HTMLLIElement>());
  const items = useMemo(() => flatten(entries), [entries]);

  const openAt = useCallback(
    (index: number) => {
      setActive(index);
      setOpen(true);
      onOpen?.();
    },
    [onOpen],
  );

  const close = useCallback((returnFocus: boolean) => {
    setOpen(false);
    if (returnFocus) buttonRef.current?.focus();
  }, []);

  // Keep DOM focus on the active item while open.
  useEffect(() => {
    if (!open) return;
    const item = items[Math.min(active, items.length - 1)];
    if (item) itemRefs.current.get(item.id)?.focus();
  }, [open, active, items]);

  // Close on a pointer press outside the menu.
  useEffect(() => {
    if (!open) return;
    const onPointerDown = (event: PointerEvent | MouseEvent) => {
      if (rootRef.current && event.target instanceof Node && !rootRef.current.contains(event.target)) {
        setOpen(false);
      }
    };
    document.addEventListener('mousedown', onPointerDown);
    return () => document.removeEventListener('mousedown', onPointerDown);
  }, [open]);

  const choose = (item: MenuItem) => {
    if (item.disabled) return;
    close(true);
    item.onSelect();
  };

  const onButtonKeyDown = (event: KeyboardEvent<HTMLButtonElement>) => {
    switch (event.key) {
      case 'ArrowDown':
      case 'Enter':
      case ' ':
        event.preventDefault();
        openAt(0);
        break;
      case 'ArrowUp':
        event.preventDefault();
        openAt(Math.max(0, items.length - 1));
        break;
    }
  };

  const onMenuKeyDown = (event: KeyboardEvent<HTMLUListElement>) => {
    const count = items.length;
    if (count === 0) return;
    switch (event.key) {
      case 'ArrowDown':
        event.preventDefault();
        setActive((i) => (i + 1) % count);
        break;
      case 'ArrowUp':
        event.preventDefault();
        setActive((i) => (i - 1 + count) % count);
        break;
      case 'Home':
        event.preventDefault();
        setActive(0);
        break;
      case 'End':
        event.preventDefault();
        setActive(count - 1);
        break;
      case 'Escape':
        event.preventDefault();
        event.stopPropagation();
        close(true);
        break;
      case 'Tab':
        close(false);
        break;
      case 'Enter':
      case ' ': {
        event.preventDefault();
        const item = items[active];
        if (item) choose(item);
        break;
      }
    }
  };

  const renderItem = (item: MenuItem) => (
    <li
      key={item.id}
      ref={(el) => {
        if (el) itemRefs.current.set(item.id, el);
        else itemRefs.current.delete(item.id);
      }}
      role="menuitem"
      tabIndex={-1}
      className="menu__item"
      aria-disabled={item.disabled || undefined}
      aria-keyshortcuts={item.keyShortcut}
      title={item.title}
      onClick={() => choose(item)}
      onMouseEnter={() => setActive(items.indexOf(item))}
    >
      <span className="menu__text">
        <span className="menu__label">{item.label}</span>
        {item.detail ? <span className="menu__detail">{item.detail}</span> : null}
      </span>
      {item.shortcut ? (
        <span className="menu__shortcut" aria-hidden="true">
          {item.shortcut}
        </span>
      ) : null}
    </li>
  );

  return (
    <div className="menu" ref={rootRef}>
      <button
        ref={buttonRef}
        id={buttonId}
        type="button"
        className="menu__button"
        aria-haspopup="menu"
        aria-expanded={open}
        aria-controls={open ? menuId : undefined}
        data-testid={testId}
        onClick={() => (open ? close(false) : openAt(0))}
        onKeyDown={onButtonKeyDown}
      >
        {label}
      </button>
      {open ? (
        <ul id={menuId} role="menu" aria-labelledby={buttonId} className="menu__list" onKeyDown={onMenuKeyDown}>
          {entries.map((entry) => {
            if (entry.kind === 'separator') {
              return <li key={entry.id} role="separator" className="menu__separator" />;
            }
            if (entry.kind === 'group') {
              const groupLabelId = `${menuId}-${entry.id}`;
              return (
                <li key={entry.id} role="none" className="menu__group">
                  <span id={groupLabelId} className="menu__group-label">
                    {entry.label}
                  </span>
                  <ul role="group" aria-labelledby={groupLabelId} className="menu__group-list">
                    {entry.items.map(renderItem)}
                  </ul>
                </li>
              );
            }
            return renderItem(entry);
          })}
        </ul>
      ) : null}
    </div>
  );
}

import { useEffect, useId, useRef, type KeyboardEvent, type ReactNode } from 'react';
import { createPortal } from 'react-dom';
import { dialogKeyDown } from './focus';

/** SidePanelProps: the panel is mounted only while open; onClose runs on Escape, Close or a backdrop click. */
export interface SidePanelProps {
  title: string;
  /** subtitle is a line under the title (scope, figure). */
  subtitle?: ReactNode;
  onClose: () => void;
  children: ReactNode;
  testId?: string;
  /** returnFocus gets focus when the panel closes; by default whatever had it when it opened. */
  returnFocus?: HTMLElement | null;
  /** wide makes room for a document with a table of contents. */
  wide?: boolean;
}

/**
 * SidePanel is a modal dialog docked to the right edge: it takes focus on open (the dialog
 * itself, so its title is read first), keeps Tab inside, closes on Escape and gives focus back.
 */
export function SidePanel({ title, subtitle, onClose, children, testId, returnFocus, wide = false }: SidePanelProps) {
  const titleId = useId();
  const subtitleId = useId();
  const panelRef = useRef<HTMLDivElement>(null);
  const returnRef = useRef(returnFocus);

  useEffect(() => {
    const previous = returnRef.current ?? (document.activeElement instanceof HTMLElement ? document.activeElement : null);
    panelRef.current?.focus();
    return () => {
      if (previous?.isConnected) previous.focus();
    };
  }, []);

  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => dialogKeyDown(event, panelRef.current, onClose);

  return createPortal(
    <div
      className="side-panel__backdrop"
      onMouseDown={(event) => {
        if (event.target === event.currentTarget) onClose();
      }}
    >
      <div
        ref={panelRef}
        className={wide ? 'side-panel side-panel--wide' : 'side-panel'}
        role="dialog"
        aria-modal="true"
        aria-labelledby={titleId}
        aria-describedby={subtitle ? subtitleId : undefined}
        tabIndex={-1}
        data-testid={testId}
        onKeyDown={onKeyDown}
      >
        <header className="side-panel__header">
          <div className="side-panel__heading">
            <h2 id={titleId} className="side-panel__title">
              {title}
            </h2>
            {subtitle ? (
              <p id={subtitleId} className="side-panel__subtitle">
                {subtitle}
              </p>
            ) : null}
          </div>
          <button type="button" className="button button--small side-panel__close" onClick={onClose}>
            Close
          </button>
        </header>
        <div className="side-panel__body">{children}</div>
      </div>
    </div>,
    document.body,
  );
}

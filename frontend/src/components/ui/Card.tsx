import { useId, useRef, type ReactNode } from 'react';

/** CardProps describes a headline figure: a label, the formatted value and an optional detail line. */
export interface CardProps {
  label: string;
  value: ReactNode;
  detail?: ReactNode;
  testId?: string;
  /** loading shows a placeholder instead of the value. */
  loading?: boolean;
  /**
   * onOpen makes the card a way into its figure (a click anywhere on it, or Enter or Space on
   * its label, which becomes a button); opener is that button, to get focus back later.
   */
  onOpen?: (opener: HTMLElement) => void;
  /** openHint is the tooltip of an openable card. */
  openHint?: string;
}

/** Card shows one headline figure. Its text parts carry data-card-part so they can be read back. */
export function Card({ label, value, detail, testId, loading = false, onOpen, openHint }: CardProps) {
  const labelId = useId();
  const valueId = useId();
  const detailId = useId();
  const buttonRef = useRef<HTMLButtonElement>(null);
  const openable = onOpen !== undefined && !loading;
  const hasDetail = detail !== undefined && !loading;

  return (
    <section
      className={openable ? 'card card--openable' : 'card'}
      data-testid={testId}
      aria-labelledby={labelId}
      aria-busy={loading || undefined}
      title={openable ? openHint : undefined}
      onClick={openable ? (event) => onOpen(buttonRef.current ?? event.currentTarget) : undefined}
    >
      <h3 className="card__label" id={labelId} data-card-part="label">
        {openable ? (
          // The button has no handler of its own: its click (mouse, Enter, Space) reaches the card's.
          <button
            ref={buttonRef}
            type="button"
            className="card__open"
            aria-describedby={hasDetail ? `${valueId} ${detailId}` : valueId}
          >
            {label}
          </button>
        ) : (
          label
        )}
      </h3>
      {loading ? (
        <span className="skeleton skeleton--value" aria-hidden="true" />
      ) : (
        <p className="card__value" id={valueId} data-card-part="value">
          {value}
        </p>
      )}
      {hasDetail ? (
        <p className="card__detail" id={detailId} data-card-part="detail">
          {detail}
        </p>
      ) : null}
    </section>
  );
}

/** cardText is the visible text of a Card element, its parts joined by single spaces. */
export function cardText(card: Element): string {
  return Array.from(card.querySelectorAll('[data-card-part]'))
    .map((part) => (part.textContent ?? '').replace(/\s+/g, ' ').trim())
    .filter(Boolean)
    .join(' ');
}

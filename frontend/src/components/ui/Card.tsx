import { useId, type ReactNode } from 'react';

/** CardProps describes a headline figure: a label, the formatted value and an optional detail line. */
export interface CardProps {
  label: string;
  value: ReactNode;
  detail?: ReactNode;
  testId?: string;
  /** loading shows a placeholder instead of the value. */
  loading?: boolean;
}

/** Card shows one headline figure. Its text parts carry data-card-part so they can be read back. */
export function Card({ label, value, detail, testId, loading = false }: CardProps) {
  const labelId = useId();
  return (
    <section className="card" data-testid={testId} aria-labelledby={labelId} aria-busy={loading || undefined}>
      <h3 className="card__label" id={labelId} data-card-part="label">
        {label}
      </h3>
      {loading ? (
        <span className="skeleton skeleton--value" aria-hidden="true" />
      ) : (
        <p className="card__value" data-card-part="value">
          {value}
        </p>
      )}
      {detail !== undefined && !loading ? (
        <p className="card__detail" data-card-part="detail">
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

import type { ReactNode } from 'react';

/** BadgeProps: tone "accent" draws attention (demo data), "neutral" is quiet, "warning" flags a problem. */
export interface BadgeProps {
  tone?: 'accent' | 'neutral' | 'warning';
  testId?: string;
  title?: string;
  children: ReactNode;
}

/** Badge is a short inline label. */
export function Badge({ tone = 'neutral', testId, title, children }: BadgeProps) {
  return (
    <span className={`badge badge--${tone}`} data-testid={testId} title={title}>
      {children}
    </span>
  );
}

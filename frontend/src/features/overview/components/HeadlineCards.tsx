import type { Ref } from 'react';
import { Card } from '../../../components/ui/Card';
import { formatCount, formatDecimal } from '../../../lib/format';
import type { Overview } from '../api';

/** HeadlineCardsProps: totals is absent while loading. */
export interface HeadlineCardsProps {
  totals?: Overview['totals'];
  ref?: Ref<HTMLDivElement>;
}

/**
 * HeadlineCards shows the four portfolio headline figures. Each card's text holds exactly one
 * number, its figure, so the card reads (and parses, in end-to-end tests) unambiguously; the
 * detail lines explain in words.
 */
export function HeadlineCards({ totals, ref }: HeadlineCardsProps) {
  const loading = totals === undefined;
  return (
    <div className="cards" ref={ref}>
      <Card
        testId="card-items"
        label="Work items"
        loading={loading}
        value={formatCount(totals?.items)}
        detail="every item in the portfolio, of any type"
      />
      <Card
        testId="card-done"
        label="Delivery items done"
        loading={loading}
        value={formatCount(totals?.done)}
        detail="stories, bugs, enablers and tasks"
      />
      <Card
        testId="card-wip"
        label="Work in progress"
        loading={loading}
        value={formatCount(totals?.wip)}
        detail="delivery items started, not done"
      />
      <Card
        testId="card-throughput"
        label="Throughput per week"
        loading={loading}
        value={formatDecimal(totals?.throughputLast12Weeks, 1)}
        detail="delivery items done, mean of the last twelve weeks"
      />
    </div>
  );
}

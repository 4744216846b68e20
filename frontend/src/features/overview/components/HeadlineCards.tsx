import type { Ref } from 'react';
import { Card } from '../../../components/ui/Card';
import { formatCount, formatDecimal } from '../../../lib/format';
import type { Overview } from '../api';
import type { OverviewCardId } from '../drill';

/** HeadlineCardsProps: totals is absent while loading; onOpen makes each card open its drill-down. */
export interface HeadlineCardsProps {
  totals?: Overview['totals'];
  ref?: Ref<HTMLDivElement>;
  onOpen?: (id: OverviewCardId, value: string, opener: HTMLElement) => void;
}

const HINT = 'Show what is behind this figure and how it is computed';

/**
 * HeadlineCards shows the four portfolio headline figures. Each card's text holds exactly one
 * number, its figure, so the card reads (and parses, in end-to-end tests) unambiguously; the
 * detail lines explain in words.
 */
export function HeadlineCards({ totals, ref, onOpen }: HeadlineCardsProps) {
  const loading = totals === undefined;
  const items = formatCount(totals?.items);
  const done = formatCount(totals?.done);
  const wip = formatCount(totals?.wip);
  const throughput = formatDecimal(totals?.throughputLast12Weeks, 1);
  const open = (id: OverviewCardId, value: string) =>
    onOpen ? (opener: HTMLElement) => onOpen(id, value, opener) : undefined;
  return (
    <div className="cards" ref={ref}>
      <Card
        testId="card-items"
        label="Work items"
        loading={loading}
        value={items}
        openHint={HINT}
        onOpen={open('items', items)}
        detail="every item in the portfolio, of any type"
      />
      <Card
        testId="card-done"
        label="Delivery items done"
        loading={loading}
        value={done}
        openHint={HINT}
        onOpen={open('done', done)}
        detail="stories, bugs, enablers and tasks"
      />
      <Card
        testId="card-wip"
        label="Work in progress"
        loading={loading}
        value={wip}
        openHint={HINT}
        onOpen={open('wip', wip)}
        detail="delivery items started, not done"
      />
      <Card
        testId="card-throughput"
        label="Throughput per week"
        loading={loading}
        value={throughput}
        openHint={HINT}
        onOpen={open('throughput', throughput)}
        detail="delivery items done, mean of the last twelve weeks"
      />
    </div>
  );
}

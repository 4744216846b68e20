import { useState } from 'react';
import { SidePanel } from '../../../components/ui/SidePanel';
import { Tabs } from '../../../components/ui/Tabs';
import type { DrillTarget } from '../../../lib/drilldown';
import { FigureDocs } from './FigureDocs';
import { TraceView } from './TraceView';

/** DrilldownPanelProps: returnFocus gets focus back on close; onOpenDocument shows the whole document. */
export interface DrilldownPanelProps {
  target: DrillTarget;
  onClose: () => void;
  returnFocus?: HTMLElement | null;
  onOpenDocument?: () => void;
}

/**
 * DrilldownPanel explains one figure in a side panel with two tabs: "Behind this figure" (the
 * rows the backend counted, with its rule in words) and "How is this computed?" (the metrics
 * document's sections on it).
 */
export function DrilldownPanel({ target, onClose, returnFocus, onOpenDocument }: DrilldownPanelProps) {
  const [tab, setTab] = useState(target.traces.length > 0 ? 'trace' : 'docs');
  const subtitle = [target.value, target.scope].filter(Boolean).join(' · ');

  const trace =
    target.traces.length > 0 ? (
      target.traces.map((spec, i) => <TraceView key={i} spec={spec} teamNames={target.teamNames} />)
    ) : (
      <p className="trace__none">{target.noTrace ?? 'Throughline cannot list the rows behind this figure yet.'}</p>
    );

  return (
    <SidePanel title={target.title} subtitle={subtitle} onClose={onClose} returnFocus={returnFocus} testId="drilldown-panel">
      <Tabs
        label={`${target.title}: views`}
        selected={tab}
        onSelect={setTab}
        tabs={[
          { id: 'trace', label: 'Behind this figure', testId: 'drilldown-tab-trace', content: trace },
          {
            id: 'docs',
            label: 'How is this computed?',
            testId: 'drilldown-tab-docs',
            content: <FigureDocs docKeys={target.docKeys} conventions={target.conventions} onOpenDocument={onOpenDocument} />,
          },
        ]}
      />
    </SidePanel>
  );
}

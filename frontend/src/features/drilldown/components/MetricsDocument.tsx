import { useId } from 'react';
import { ErrorState } from '../../../components/ui/ErrorState';
import { Markdown } from '../../../components/ui/Markdown';
import { SidePanel } from '../../../components/ui/SidePanel';
import { errorMessage } from '../../../lib/backend';
import { useMetricsDocs } from '../api';

/** MetricsDocumentProps: returnFocus gets focus back when the panel closes. */
export interface MetricsDocumentProps {
  onClose: () => void;
  returnFocus?: HTMLElement | null;
}

/** MetricsDocument shows the whole "How is this computed?" document with a table of contents. */
export function MetricsDocument({ onClose, returnFocus }: MetricsDocumentProps) {
  const docs = useMetricsDocs();
  const base = useId();
  const sectionId = (i: number) => `${base}-section-${i}`;

  const jump = (i: number) => {
    const heading = document.getElementById(sectionId(i));
    heading?.scrollIntoView?.({ block: 'start' });
    heading?.focus({ preventScroll: true });
  };

  let body;
  if (docs.isPending) {
    body = <p role="status">Loading the document…</p>;
  } else if (docs.isError || !docs.data) {
    body = (
      <ErrorState
        title="The metrics document could not be loaded."
        message={errorMessage(docs.error)}
        onRetry={() => void docs.refetch()}
        retrying={docs.isFetching}
      />
    );
  } else if (docs.data.length === 0) {
    body = <p>The metrics document is empty.</p>;
  } else {
    const sections = docs.data;
    body = (
      <div className="document">
        <nav className="document__toc" aria-label="Contents">
          <p className="document__toc-title">Contents</p>
          <ol>
            {sections.map((s, i) => (
              <li key={`${s.id}-${i}`}>
                <a
                  href={`#${sectionId(i)}`}
                  onClick={(event) => {
                    event.preventDefault();
                    jump(i);
                  }}
                >
                  {s.title}
                </a>
              </li>
            ))}
          </ol>
        </nav>
        <div className="document__body docs__text" data-testid="docs-document-text">
          {sections.map((s, i) => (
            <section key={`${s.id}-${i}`} className="docs__section" aria-labelledby={sectionId(i)}>
              <h3 className="docs__title" id={sectionId(i)} tabIndex={-1}>
                {s.title}
              </h3>
              <Markdown source={s.text} headingOffset={1} />
            </section>
          ))}
        </div>
      </div>
    );
  }

  return (
    <SidePanel
      title="How is this computed?"
      subtitle="The conventions behind every figure (docs/metrics.md)"
      onClose={onClose}
      returnFocus={returnFocus}
      testId="metrics-document"
      wide
    >
      {body}
    </SidePanel>
  );
}

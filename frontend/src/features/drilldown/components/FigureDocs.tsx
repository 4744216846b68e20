import { useId } from 'react';
import { Markdown } from '../../../components/ui/Markdown';
import { errorMessage } from '../../../lib/backend';
import type { DrillConvention } from '../../../lib/drilldown';
import { sectionsFor, useMetricsDocs } from '../api';

/** FigureDocsProps: docKeys pick the document's sections; conventions stand in when there is none. */
export interface FigureDocsProps {
  docKeys: readonly string[];
  conventions: readonly DrillConvention[];
  onOpenDocument?: () => void;
}

function Conventions({ conventions }: { conventions: readonly DrillConvention[] }) {
  if (conventions.length === 0) {
    return <p>The report states no convention for this figure.</p>;
  }
  return (
    <dl className="conventions">
      {conventions.map((c) => (
        <div key={c.key} className="conventions__row">
          <dt>{c.key.replace(/_/g, ' ')}</dt>
          <dd>{c.text}</dd>
        </div>
      ))}
    </dl>
  );
}

/**
 * FigureDocs is the "How is this computed?" tab: the sections of docs/metrics.md that explain
 * the figure (or a note that there is none yet), then the report's own conventions for it in
 * one line each — the percentile method, what counts as start and done — so the figure can be
 * checked without reading further.
 */
export function FigureDocs({ docKeys, conventions, onOpenDocument }: FigureDocsProps) {
  const docs = useMetricsDocs();
  const base = useId();
  const sections = docs.data ? sectionsFor(docs.data, docKeys) : [];

  let body;
  if (docs.isPending) {
    body = <p role="status">Loading the explanation…</p>;
  } else {
    body = (
      <>
        {sections.length > 0 ? (
          sections.map((section) => (
            <section key={section.id} className="docs__section" aria-labelledby={`${base}-${section.id}`}>
              <h3 className="docs__title" id={`${base}-${section.id}`}>
                {section.title}
              </h3>
              <Markdown source={section.text} headingOffset={1} />
            </section>
          ))
        ) : (
          <p className="docs__fallback">
            {docs.isError
              ? `The metrics document could not be loaded (${errorMessage(docs.error)}).`
              : 'The metrics document has no section on this figure yet.'}
          </p>
        )}
        {conventions.length > 0 || sections.length === 0 ? (
          <section className="docs__section" aria-labelledby={`${base}-conventions`}>
            <h3 className="docs__title" id={`${base}-conventions`}>
              In the report’s words
            </h3>
            <Conventions conventions={conventions} />
          </section>
        ) : null}
      </>
    );
  }

  return (
    <div className="docs">
      <div className="docs__text" data-testid="docs-text">
        {body}
      </div>
      {onOpenDocument ? (
        <p className="docs__more">
          <button type="button" className="link-button" onClick={onOpenDocument}>
            Read the whole document
          </button>
        </p>
      ) : null}
    </div>
  );
}

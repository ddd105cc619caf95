// A part of the page whose code loads the first time it is shown (React.lazy and a dynamic
// import): a skeleton while it loads, and if the code does not arrive, an error that says so with a
// Retry that loads it again. React.lazy keeps a failed import for good, so Retry makes a new one.
import { Component, Suspense, lazy, useState, type ComponentType, type LazyExoticComponent, type ReactNode } from 'react';
import { useI18n, type SharedKey } from '../i18n';

/** A lazily loaded component, and the way to ask for its code again after a failure. */
export interface Loadable<P extends object> {
  current: LazyExoticComponent<ComponentType<P>>;
  retry(): void;
  /** Starts fetching the code before it is shown (a failure here is left to the first render). */
  preload(): void;
}

/** The code of a panel did not arrive (network, a server restarted on a newer build). */
class LoadError extends Error {
  constructor(cause: unknown) {
    super(cause instanceof Error ? cause.message : String(cause), { cause });
    this.name = 'LoadError';
  }
}

/** `load` resolves to the component; it is called on first render, and again on each retry. */
export function loadable<P extends object>(load: () => Promise<ComponentType<P>>): Loadable<P> {
  const make = () =>
    lazy(() =>
      load().then(
        (component) => ({ default: component }),
        (e: unknown) => {
          throw new LoadError(e);
        },
      ),
    );
  const l: Loadable<P> = {
    current: make(),
    retry() {
      l.current = make();
    },
    preload() {
      load().catch(() => undefined);
    },
  };
  return l;
}

/**
 * A small piece (a dialog, a notice) whose code loads when it is first shown: a line says so
 * meanwhile, and if the code does not arrive, the error says so under `failed`, with Retry.
 */
export function onDemand<P extends object>(load: () => Promise<ComponentType<P>>, failed: SharedKey = 'error.actionFailed'): ComponentType<P> {
  const of = loadable(load);
  return function OnDemand(props: P) {
    const { t } = useI18n();
    return <LazyPanel of={of} loading={t('app.loading')} failed={t(failed)} props={props} compact />;
  };
}

interface Props<P extends object> {
  of: Loadable<P>;
  /** Said while the code loads ("Loading the Probe tab…"). */
  loading: string;
  /** The heading of the error when it does not arrive ("The Probe tab could not be loaded"). */
  failed: string;
  props: P;
  /** A line of text while loading, for a small place (a row, the sidebar), rather than a card. */
  compact?: boolean;
}

/** Shows `of` with `props` once its code is there. */
export function LazyPanel<P extends object>({ of, loading, failed, props, compact = false }: Props<P>) {
  // A new attempt is a new boundary: its error is forgotten and the new lazy component is rendered.
  const [attempt, setAttempt] = useState(0);
  const Loaded = of.current;
  return (
    <LoadBoundary
      key={attempt}
      heading={failed}
      onRetry={() => {
        of.retry();
        setAttempt((n) => n + 1);
      }}
    >
      <Suspense fallback={<PanelSkeleton text={loading} compact={compact} />}>
        <Loaded {...props} />
      </Suspense>
    </LoadBoundary>
  );
}

/** What stands in the panel while its code loads: said to screen readers, drawn as grey blocks. */
function PanelSkeleton({ text, compact }: { text: string; compact: boolean }) {
  if (compact) {
    return (
      <p className="muted" role="status">
        {text}
      </p>
    );
  }
  return (
    <div className="skeleton" role="status">
      <p className="skeleton__text">{text}</p>
      <div className="skeleton__card" aria-hidden="true">
        <span className="skeleton__line skeleton__line--title" />
        <span className="skeleton__line" />
        <span className="skeleton__line skeleton__line--short" />
      </div>
    </div>
  );
}

function LoadFailed({ heading, onRetry }: { heading: string; onRetry(): void }) {
  const { t } = useI18n();
  return (
    <section className="note note--error" role="alert" aria-label={heading}>
      <header className="note__header">
        <h3 className="note__title">{heading}</h3>
      </header>
      <p className="note__message">{t('lazy.failedBody')}</p>
      <div className="note__actions">
        <button type="button" className="btn" onClick={onRetry}>
          {t('lazy.retry')}
        </button>
      </div>
    </section>
  );
}

interface BoundaryProps {
  heading: string;
  onRetry(): void;
  children: ReactNode;
}

/** Catches a failed import of this panel's code; any other error goes on up, as it would without it. */
class LoadBoundary extends Component<BoundaryProps, { error: unknown }> {
  override state: { error: unknown } = { error: null };

  static getDerivedStateFromError(error: unknown): { error: unknown } {
    return { error };
  }

  override render(): ReactNode {
    const { error } = this.state;
    if (error === null) return this.props.children;
    if (error instanceof LoadError) return <LoadFailed heading={this.props.heading} onRetry={this.props.onRetry} />;
    throw error;
  }
}

import { useEffect, useRef, type ReactNode } from 'react';
import { nextScreen, previousScreen, screenLabel, type ScreenId } from '../store/screens';
import { useWizard } from '../store/wizard-context';

interface Props {
  title: string;
  children: ReactNode;
  /** False while the screen needs something done first (e.g. a scan). */
  canContinue?: boolean;
  /** Cards on this screen whose problem is not fixed: Next stays possible, and says so. */
  unfixed?: string[];
}

/** A wizard screen: its heading takes focus when it appears, Back / Next at the bottom. */
export function ScreenFrame({ title, children, canContinue = true, unfixed = [] }: Props) {
  const screen = useWizard((state) => state.screen);
  const goTo = useWizard((state) => state.goTo);
  const headingRef = useRef<HTMLHeadingElement>(null);
  const next = nextScreen(screen);
  const previous = previousScreen(screen);
  const clientKind = useWizard((state) => state.diagnosis?.primaryClient?.kind);
  const label = (id: ScreenId | undefined) => screenLabel(id, clientKind);

  useEffect(() => {
    headingRef.current?.focus();
  }, [screen]);

  return (
    <main className="screen" aria-labelledby="screen-title">
      <h1 id="screen-title" ref={headingRef} tabIndex={-1}>
        {title}
      </h1>
      {children}
      {next && unfixed.length > 0 && (
        <p className="notice notice-warning skip-note" id="skip-note">
          Not fixed yet: {unfixed.join('; ')}. You can go on to “{label(next)}” and come back to it
          later.
        </p>
      )}
      <div className="screen-nav">
        {previous && (
          <button type="button" onClick={() => goTo(previous)}>
            Back: {label(previous)}
          </button>
        )}
        {next && (
          <button
            type="button"
            // The fix on a card with a problem is the filled button; Next is then secondary.
            className={unfixed.length > 0 ? 'next' : 'primary'}
            disabled={!canContinue}
            onClick={() => goTo(next)}
            {...(unfixed.length > 0 ? { 'aria-describedby': 'skip-note' } : {})}
          >
            Next: {label(next)}
          </button>
        )}
      </div>
    </main>
  );
}

import { useEffect, useRef, type ReactNode } from 'react';
import { nextScreen, previousScreen, SCREENS } from '../store/screens';
import { useWizard } from '../store/wizard-context';

interface Props {
  title: string;
  children: ReactNode;
  /** False while the screen needs something done first (e.g. a scan). */
  canContinue?: boolean;
}

/** A wizard screen: its heading takes focus when it appears, Back / Next at the bottom. */
export function ScreenFrame({ title, children, canContinue = true }: Props) {
  const screen = useWizard((state) => state.screen);
  const goTo = useWizard((state) => state.goTo);
  const headingRef = useRef<HTMLHeadingElement>(null);
  const next = nextScreen(screen);
  const previous = previousScreen(screen);
  const label = (id: string | undefined) => SCREENS.find((entry) => entry.id === id)?.label ?? '';

  useEffect(() => {
    headingRef.current?.focus();
  }, [screen]);

  return (
    <main className="screen" aria-labelledby="screen-title">
      <h1 id="screen-title" ref={headingRef} tabIndex={-1}>
        {title}
      </h1>
      {children}
      <div className="screen-nav">
        {previous && (
          <button type="button" onClick={() => goTo(previous)}>
            Back: {label(previous)}
          </button>
        )}
        {next && (
          <button
            type="button"
            className="primary"
            disabled={!canContinue}
            onClick={() => goTo(next)}
          >
            Next: {label(next)}
          </button>
        )}
      </div>
    </main>
  );
}

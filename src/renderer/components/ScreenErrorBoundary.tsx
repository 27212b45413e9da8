import { Component, type ReactNode } from 'react';

interface Props {
  /** Changes when the user moves to another screen, giving that screen a fresh start. */
  screen: string;
  onStartOver(): void;
  children: ReactNode;
}

interface State {
  failedScreen?: string;
}

/**
 * A bug in one screen must not blank the whole window: the user keeps the header (practice
 * banner, support code) and the step list, and can go on from another screen.
 */
export class ScreenErrorBoundary extends Component<Props, State> {
  override state: State = {};

  static getDerivedStateFromError(): Partial<State> {
    return { failedScreen: '' };
  }

  override componentDidCatch(): void {
    this.setState({ failedScreen: this.props.screen });
  }

  override componentDidUpdate(previous: Props): void {
    if (previous.screen !== this.props.screen && this.state.failedScreen !== undefined) {
      this.setState({ failedScreen: undefined });
    }
  }

  override render(): ReactNode {
    if (this.state.failedScreen === undefined) return this.props.children;
    return (
      <main className="screen" aria-labelledby="screen-failed">
        <h1 id="screen-failed">This screen could not be shown</h1>
        <div className="notice notice-error" role="alert">
          <p>
            Something went wrong inside the app while showing this screen. Nothing on the PC was
            changed by it. Changes already made can still be undone from the first screen.
          </p>
        </div>
        <div className="actions">
          <button
            type="button"
            className="primary"
            onClick={() => {
              this.setState({ failedScreen: undefined });
              this.props.onStartOver();
            }}
          >
            Go to the first screen
          </button>
        </div>
      </main>
    );
  }
}

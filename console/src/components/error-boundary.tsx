import { Component, type ReactNode } from 'react';

/**
 * Keeps one page's rendering bug from blanking the whole console: the page shows what broke and
 * the navigation still works. `resetKey` (the route) clears the error when the user moves on.
 */
export class PageErrorBoundary extends Component<{ children: ReactNode; resetKey: string }, { error: Error | null; key: string }> {
  override state = { error: null as Error | null, key: this.props.resetKey };

  static getDerivedStateFromError(error: Error) {
    return { error };
  }

  static getDerivedStateFromProps(props: { resetKey: string }, state: { error: Error | null; key: string }) {
    return props.resetKey === state.key ? null : { error: null, key: props.resetKey };
  }

  override render() {
    if (!this.state.error) return this.props.children;
    return (
      <div className="error-note" role="alert">
        <code className="code">console_error</code> This page failed to render: {this.state.error.message}
      </div>
    );
  }
}

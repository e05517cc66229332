import type { ReactNode } from 'react';
import { ApiError } from '../api/client.ts';

/** A spinner line for a list or pane that is loading. */
export function Loading({ what = 'Loading' }: { what?: string }) {
  return (
    <p className="muted loading" role="status">
      {what}…
    </p>
  );
}

/** An API failure with its stable code, and each field error of a 400. */
export function ErrorNote({ error }: { error: unknown }) {
  if (!error) return null;
  const apiError = error instanceof ApiError ? error : null;
  return (
    <div className="error-note" role="alert">
      {apiError ? <code className="code">{apiError.code}</code> : null} {(error as Error).message}
      {apiError && apiError.fields.length > 0 ? (
        <ul>
          {apiError.fields.map((field) => (
            <li key={field.field + field.message}>
              <code>{field.field}</code> {field.message}
            </li>
          ))}
        </ul>
      ) : null}
    </div>
  );
}

/** What to do next when a list is empty. */
export function Empty({ title, children }: { title: string; children?: ReactNode }) {
  return (
    <div className="empty">
      <strong>{title}</strong>
      {children}
    </div>
  );
}

/** The curl line that sends a first event, for empty states. */
export function FirstEventHint({ workspaceId }: { workspaceId: string }) {
  const origin = window.location.origin;
  return (
    <>
      <p>Send a first event with a write key (create one under Write keys):</p>
      <pre className="snippet">{`curl -H "Authorization: Bearer $WRITE_KEY" -H "X-Workspace-ID: ${workspaceId}" \\
  -H 'Content-Type: application/json' \\
  -d '{"event":"purchase_completed","user_id":"user-1","properties":{"total":49.99}}' \\
  ${origin}/api/v1/workspaces/${workspaceId}/events/track`}</pre>
    </>
  );
}

/** A small coloured status pill. */
export function Status({ value }: { value: string | null | undefined }) {
  const text = value ?? '—';
  return <span className={`pill pill-${text.replace(/[^a-z_]/gi, '')}`}>{text}</span>;
}

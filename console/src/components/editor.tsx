import { lazy, Suspense } from 'react';

const CodeEditor = lazy(() => import('./code-editor.tsx'));

/** A labelled code editor that shows a plain text area while CodeMirror loads. */
export function Editor(props: { value: string; onChange: (value: string) => void; language: 'json' | 'javascript'; label: string; height?: string }) {
  return (
    <div className="field">
      <span className="label">{props.label}</span>
      <Suspense fallback={<textarea aria-label={props.label} value={props.value} onChange={(event) => props.onChange(event.target.value)} rows={8} />}>
        <CodeEditor {...props} />
      </Suspense>
    </div>
  );
}

/** Parses editor text as a JSON object, or answers the parse error to show next to the field. */
export function parseJsonObject(text: string): { value?: Record<string, unknown>; error?: string } {
  try {
    const value = JSON.parse(text) as unknown;
    if (typeof value !== 'object' || value === null || Array.isArray(value)) return { error: 'must be a JSON object' };
    return { value: value as Record<string, unknown> };
  } catch (error) {
    return { error: (error as Error).message };
  }
}

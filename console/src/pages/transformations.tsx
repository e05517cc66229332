import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { get, post, put, type Page } from '../api/client.ts';
import { useAdmin } from '../components/admin-only.tsx';
import { Editor, parseJsonObject } from '../components/editor.tsx';
import { Empty, ErrorNote, Loading, Status } from '../components/states.tsx';
import { pretty } from '../lib/format.ts';
import { jsonDifferences, type JsonDifference } from '../lib/json-diff.ts';
import { useWorkspace } from './use-workspace.ts';

interface Transformation {
  id: string;
  name: string;
  description: string;
  source_code: string;
  test_input: Record<string, unknown> | null;
  test_output: unknown;
  status: 'draft' | 'active' | 'error';
  error: string | null;
  updated_at: string;
}

interface RunResult {
  output: unknown;
  logs: unknown[];
  duration_ms: number;
  error?: string;
}

const SAMPLE_SOURCE = `function transform(event) {
  if (event.properties.total > 100) {
    event.properties.tier = 'high_value';
  }
  return event;
}
`;
const SAMPLE_INPUT = { event: 'purchase_completed', properties: { total: 150 } };

function TransformationEditor({ transformation, onSaved }: { transformation: Transformation | null; onSaved: (saved: Transformation) => void }) {
  const { root } = useWorkspace();
  const [name, setName] = useState(transformation?.name ?? '');
  const [source, setSource] = useState(transformation?.source_code ?? SAMPLE_SOURCE);
  const [input, setInput] = useState(pretty(transformation?.test_input ?? SAMPLE_INPUT));
  const [expected, setExpected] = useState(transformation?.test_output === undefined ? '' : pretty(transformation.test_output));
  const [jsonError, setJsonError] = useState<string | null>(null);
  const [result, setResult] = useState<RunResult | null>(null);

  const save = useMutation({
    mutationFn: (body: Record<string, unknown>) =>
      transformation ? put<Transformation>(`${root}/event-transformations/${transformation.id}`, body) : post<Transformation>(`${root}/event-transformations`, body),
    onSuccess: onSaved,
  });
  // The test route runs any source against any input without saving, but it hangs off a saved
  // transformation: a new one is saved as a draft first.
  const run = useMutation({
    mutationFn: async (sample: Record<string, unknown>) => {
      let target = transformation;
      if (!target) {
        target = await post<Transformation>(`${root}/event-transformations`, { name: name || 'Untitled transformation', source_code: source, status: 'draft' });
        onSaved(target);
      }
      return post<RunResult>(`${root}/event-transformations/${target.id}/test`, { input: sample, source_code: source });
    },
    onSuccess: setResult,
  });

  // The server compares the output with the expected output only on Activate (then sets `error`):
  // compare here too, on every run, so a mismatch shows before anything is saved.
  const differences = result && !result.error ? expectedDifferences(expected, result.output) : null;

  const sample = () => {
    const parsed = parseJsonObject(input);
    setJsonError(parsed.error ? `sample input: ${parsed.error}` : null);
    return parsed.value;
  };
  const body = (status: 'draft' | 'active') => {
    const testInput = sample();
    if (!testInput) return null;
    let testOutput: unknown;
    if (expected.trim()) {
      try {
        testOutput = JSON.parse(expected);
      } catch (error) {
        setJsonError(`expected output: ${(error as Error).message}`);
        return null;
      }
    } else if (status === 'active') {
      setJsonError('expected output: is required to activate (use the output of a run)');
      return null;
    }
    return { name, source_code: source, test_input: testInput, ...(testOutput === undefined ? {} : { test_output: testOutput }), status };
  };

  return (
    <div className="card form" aria-label="Transformation editor">
      <div className="row wrap spread">
        <label className="field grow">
          <span className="label">Name</span>
          <input name="name" required value={name} onChange={(event) => setName(event.target.value)} />
        </label>
        {transformation ? (
          <span>
            Status: <Status value={transformation.status} />
          </span>
        ) : null}
      </div>
      {transformation?.error ? (
        <p className="error-note" role="alert">
          <code className="code">{transformation.status}</code> {transformation.error}
        </p>
      ) : null}
      <Editor label="Source (JavaScript)" language="javascript" value={source} onChange={setSource} height="240px" />
      <div className="grid-2">
        <Editor label="Sample input (JSON)" language="json" value={input} onChange={setInput} height="160px" />
        <Editor label="Expected output (JSON)" language="json" value={expected} onChange={setExpected} height="160px" />
      </div>
      {jsonError ? (
        <p className="error-note" role="alert">
          <code className="code">invalid_json</code> {jsonError}
        </p>
      ) : null}
      <ErrorNote error={save.error ?? run.error} />
      <div className="row wrap">
        <button
          type="button"
          onClick={() => {
            const value = sample();
            if (value) run.mutate(value);
          }}
          disabled={run.isPending}
        >
          {run.isPending ? 'Running…' : 'Run'}
        </button>
        <button
          type="button"
          onClick={() => {
            const value = body('draft');
            if (value) save.mutate(value);
          }}
          disabled={save.isPending}
        >
          Save draft
        </button>
        <button
          type="button"
          className="primary"
          onClick={() => {
            const value = body('active');
            if (value) save.mutate(value);
          }}
          disabled={save.isPending}
        >
          Activate
        </button>
        {result && result.output !== undefined && !result.error ? (
          <button type="button" className="link-button" onClick={() => setExpected(pretty(result.output))}>
            Use output as expected
          </button>
        ) : null}
      </div>
      {result ? (
        <div className="run-result" aria-label="Run result">
          <p>
            {result.error ? <Status value="error" /> : differences && differences.length > 0 ? <Status value="differs" /> : <Status value="ok" />} ran in{' '}
            <strong data-testid="duration">{result.duration_ms} ms</strong>
          </p>
          {result.error ? <p className="error-note">{result.error}</p> : null}
          {differences && differences.length > 0 ? <Differences differences={differences} /> : null}
          <div className="grid-2">
            <div>
              <h3>Output</h3>
              <pre className="json" data-testid="run-output">
                {result.output === null ? 'null (the event is dropped)' : pretty(result.output)}
              </pre>
            </div>
            <div>
              <h3>Logs</h3>
              <pre className="json">{result.logs.length === 0 ? '(none)' : result.logs.map((line) => (typeof line === 'string' ? line : pretty(line))).join('\n')}</pre>
            </div>
          </div>
        </div>
      ) : null}
    </div>
  );
}

/** How the output differs from the expected output, or null when none is given or it is not JSON. */
function expectedDifferences(expected: string, output: unknown): JsonDifference[] | null {
  if (!expected.trim()) return null;
  try {
    return jsonDifferences(JSON.parse(expected), output);
  } catch {
    return null;
  }
}

const shown = (value: unknown) => (value === undefined ? '(absent)' : JSON.stringify(value));

function Differences({ differences }: { differences: JsonDifference[] }) {
  return (
    <div className="error-note" role="alert" aria-label="Differences from the expected output">
      The output differs from the expected output; Activate would set the status to <code>error</code>.
      <table className="table compact">
        <thead>
          <tr>
            <th>Path</th>
            <th>Expected</th>
            <th>Output</th>
          </tr>
        </thead>
        <tbody>
          {differences.map((difference) => (
            <tr key={difference.path}>
              <td className="mono">{difference.path}</td>
              <td className="mono">{shown(difference.expected)}</td>
              <td className="mono">{shown(difference.actual)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/** JavaScript transformations: edit, run against a sample, save a draft or activate. */
export default function TransformationsPage() {
  const { workspaceId, root } = useWorkspace();
  const queryClient = useQueryClient();
  const [selectedId, setSelectedId] = useState<string | 'new' | null>(null);
  const [saved, setSaved] = useState<Transformation | null>(null);
  // The editor keeps its text while a new transformation gets its id on first save or run; it
  // starts afresh only when the user opens another one.
  const [editorKey, setEditorKey] = useState(0);
  const open = (id: string | 'new') => {
    setSelectedId(id);
    setEditorKey((key) => key + 1);
  };
  const admin = useAdmin();
  const list = useQuery({ queryKey: [workspaceId, 'transformations'], queryFn: () => get<Page<Transformation>>(`${root}/event-transformations`, { limit: 200 }) });
  const selected =
    selectedId && selectedId !== 'new' ? (saved?.id === selectedId ? saved : (list.data?.data.find((item) => item.id === selectedId) ?? null)) : null;
  return (
    <section>
      <div className="row spread">
        <h1>Transformations</h1>
        {admin ? (
          <button type="button" className="primary" onClick={() => open('new')}>
            New transformation
          </button>
        ) : null}
      </div>
      <ErrorNote error={list.error} />
      {list.isPending ? <Loading /> : null}
      {list.data?.data.length === 0 && !selectedId ? (
        <Empty title="No transformations yet.">
          <p>A transformation is a JavaScript function that reshapes events before they are forwarded.</p>
        </Empty>
      ) : null}
      <div className="split">
        <ul className="list-nav" aria-label="Transformations list">
          {list.data?.data.map((item) => (
            <li key={item.id}>
              <button type="button" className={item.id === selectedId ? 'selected' : ''} onClick={() => open(item.id)}>
                <strong>{item.name}</strong> <Status value={item.status} />
              </button>
            </li>
          ))}
        </ul>
        <div className="grow">
          {selectedId ? (
            <TransformationEditor
              key={editorKey}
              transformation={selected}
              onSaved={(item) => {
                setSaved(item);
                setSelectedId(item.id);
                void queryClient.invalidateQueries({ queryKey: [workspaceId, 'transformations'] });
              }}
            />
          ) : null}
        </div>
      </div>
    </section>
  );
}

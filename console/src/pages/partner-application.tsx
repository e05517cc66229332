import { useEffect, useState, type FormEvent } from 'react';
import { request } from '../api/client.ts';
import { ErrorNote, Loading } from '../components/states.tsx';

interface FormField {
  name: string;
  label: string;
  type: 'text' | 'email' | 'textarea';
  required: boolean;
  max_length?: number;
  pattern?: string;
  help?: string;
}
interface ApplicationForm {
  program: { id: number; name: string };
  fields: FormField[];
  honeypot: string;
  submit_path: string;
}

/** No credential at all: the form is public, and the console's admin session must never ride along. */
const publicRequest = <T,>(method: string, path: string, body?: unknown) => request<T>(method, path, body, '');

/**
 * The partner sign-up form at `/partners/apply/{workspace}/{program}` (issue 18 §2), rendered from
 * the program's form description, so the fields and their limits are the server's. The honeypot
 * field is rendered for bots only: off-screen, out of the tab order, hidden from assistive
 * technology and from autofill. After sending, the page says the application was received,
 * whatever became of it (the server answers the same for a repeat or a known email).
 */
export function PartnerApplicationPage({ workspaceId, programId }: { workspaceId: string; programId: string }) {
  const [form, setForm] = useState<ApplicationForm | null>(null);
  const [values, setValues] = useState<Record<string, string>>({});
  const [error, setError] = useState<unknown>(null);
  const [sending, setSending] = useState(false);
  const [received, setReceived] = useState<string | null>(null);

  useEffect(() => {
    publicRequest<ApplicationForm>('GET', `/partner/v1/programs/${encodeURIComponent(workspaceId)}/${encodeURIComponent(programId)}/application`)
      .then(setForm)
      .catch(setError);
  }, [workspaceId, programId]);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (!form) return;
    setSending(true);
    setError(null);
    // Empty optional answers are left out; the honeypot goes only when something filled it.
    const body = Object.fromEntries(Object.entries(values).filter(([, value]) => value.trim() !== ''));
    try {
      const answer = await publicRequest<{ message: string }>('POST', form.submit_path, body);
      setReceived(answer.message);
    } catch (failure) {
      setError(failure);
    } finally {
      setSending(false);
    }
  };

  if (!form) {
    return (
      <main className="content partner-portal">
        <h1>Apply as a partner</h1>
        {error ? <ErrorNote error={error} /> : <Loading what="Loading the form" />}
      </main>
    );
  }
  if (received !== null) {
    return (
      <main className="content partner-portal">
        <h1>Application received</h1>
        <p role="status">{received}</p>
      </main>
    );
  }
  const set = (name: string, value: string) => setValues({ ...values, [name]: value });
  return (
    <main className="content partner-portal">
      <h1>Apply to {form.program.name}</h1>
      <form className="form card" aria-label="Partner application" onSubmit={submit}>
        {form.fields.map((field) => (
          <label className="field" key={field.name}>
            <span className="label">
              {field.label}
              {field.required ? '' : ' (optional)'}
            </span>
            {field.type === 'textarea' ? (
              <textarea name={field.name} required={field.required} maxLength={field.max_length} value={values[field.name] ?? ''} onChange={(event) => set(field.name, event.target.value)} />
            ) : (
              <input
                name={field.name}
                type={field.type}
                required={field.required}
                maxLength={field.max_length}
                pattern={field.pattern?.replace(/^\^/, '').replace(/\$$/, '')}
                value={values[field.name] ?? ''}
                onChange={(event) => set(field.name, event.target.value)}
              />
            )}
            {field.help ? <span className="muted">{field.help}</span> : null}
          </label>
        ))}
        <div aria-hidden="true" style={{ position: 'absolute', left: '-10000px', width: 1, height: 1, overflow: 'hidden' }}>
          <label>
            Leave this empty
            <input name={form.honeypot} type="text" tabIndex={-1} autoComplete="off" value={values[form.honeypot] ?? ''} onChange={(event) => set(form.honeypot, event.target.value)} />
          </label>
        </div>
        <ErrorNote error={error} />
        <button type="submit" className="primary" disabled={sending}>
          Send application
        </button>
      </form>
    </main>
  );
}

import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { get, post, put, rowsOf, type Page } from '../api/client.ts';
import { useAdmin } from '../components/admin-only.tsx';
import { DataList, listOf } from '../components/data-list.tsx';
import { Editor, parseJsonObject } from '../components/editor.tsx';
import { Empty, ErrorNote, Loading, Status } from '../components/states.tsx';
import { pretty, shortTime } from '../lib/format.ts';
import { useWorkspace } from './use-workspace.ts';

type Mode = 'allow' | 'warn' | 'block';

interface Contract {
  id: string;
  name: string;
  description: string | null;
  event_type: string;
  event_name: string | null;
  schema_definition: Record<string, unknown>;
  enforcement_mode: Mode;
  undeclared_fields: Mode;
  status: 'active' | 'archived';
  updated_at: string;
}

interface Violation {
  id: string;
  event_id: string;
  event_name: string | null;
  action: string;
  rule: string;
  path: string;
  value_type: string | null;
  message: string;
  created_at: string;
}

const EXAMPLE_SCHEMA = { properties: { order_id: { type: 'string', required: true }, total: { type: 'number', required: true } } };
const TYPES = ['track', 'identify', 'page', 'screen', 'group', 'alias'];
const MODES: Mode[] = ['allow', 'warn', 'block'];

interface Draft {
  name: string;
  description: string;
  event_type: string;
  event_name: string;
  schema: string;
  enforcement_mode: Mode;
  undeclared_fields: Mode;
  status: 'active' | 'archived';
}

function toDraft(contract: Contract | null): Draft {
  return {
    name: contract?.name ?? '',
    description: contract?.description ?? '',
    event_type: contract?.event_type ?? 'track',
    event_name: contract?.event_name ?? '',
    schema: pretty(contract?.schema_definition ?? EXAMPLE_SCHEMA),
    enforcement_mode: contract?.enforcement_mode ?? 'warn',
    undeclared_fields: contract?.undeclared_fields ?? 'allow',
    status: contract?.status ?? 'active',
  };
}

function ContractForm({ contract, onSaved }: { contract: Contract | null; onSaved: (contract: Contract) => void }) {
  const { root } = useWorkspace();
  const [draft, setDraft] = useState(() => toDraft(contract));
  const [schemaError, setSchemaError] = useState<string | undefined>();
  const save = useMutation({
    mutationFn: (body: Record<string, unknown>) => (contract ? put<Contract>(`${root}/event-contracts/${contract.id}`, body) : post<Contract>(`${root}/event-contracts`, body)),
    onSuccess: onSaved,
  });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    const schema = parseJsonObject(draft.schema);
    setSchemaError(schema.error);
    if (!schema.value) return;
    save.mutate({
      name: draft.name,
      description: draft.description || null,
      event_type: draft.event_type,
      event_name: draft.event_name || null,
      schema_definition: schema.value,
      enforcement_mode: draft.enforcement_mode,
      undeclared_fields: draft.undeclared_fields,
      status: draft.status,
    });
  };
  const select = (key: keyof Draft, options: string[], label: string) => (
    <label className="field">
      <span className="label">{label}</span>
      <select name={key} value={draft[key]} onChange={(event) => setDraft({ ...draft, [key]: event.target.value })}>
        {options.map((option) => (
          <option key={option}>{option}</option>
        ))}
      </select>
    </label>
  );
  return (
    <form className="card form" onSubmit={submit} aria-label="Contract">
      <h2>{contract ? `Edit “${contract.name}”` : 'New contract'}</h2>
      <div className="row wrap">
        <label className="field grow">
          <span className="label">Name</span>
          <input name="name" required value={draft.name} onChange={(event) => setDraft({ ...draft, name: event.target.value })} />
        </label>
        {select('event_type', TYPES, 'Event type')}
        <label className="field grow">
          <span className="label">Event name (empty: every event of the type)</span>
          <input name="event_name" value={draft.event_name} onChange={(event) => setDraft({ ...draft, event_name: event.target.value })} />
        </label>
      </div>
      <div className="row wrap">
        {select('enforcement_mode', MODES, 'Enforcement mode')}
        {select('undeclared_fields', MODES, 'Undeclared fields')}
        {select('status', ['active', 'archived'], 'Status')}
      </div>
      <label className="field">
        <span className="label">Description</span>
        <input name="description" value={draft.description} onChange={(event) => setDraft({ ...draft, description: event.target.value })} />
      </label>
      <Editor label="Schema definition (JSON)" language="json" value={draft.schema} onChange={(schema) => setDraft({ ...draft, schema })} />
      {schemaError ? (
        <p className="error-note" role="alert">
          <code className="code">invalid_json</code> schema: {schemaError}
        </p>
      ) : null}
      <ErrorNote error={save.error} />
      <div className="row">
        <button type="submit" className="primary" disabled={save.isPending}>
          {contract ? 'Save contract' : 'Create contract'}
        </button>
        {save.isSuccess ? <span className="ok">Saved.</span> : null}
      </div>
    </form>
  );
}

function Violations({ contract }: { contract: Contract }) {
  const { workspaceId, root } = useWorkspace();
  const violations = useQuery({
    queryKey: [workspaceId, 'violations', contract.id],
    queryFn: () => get<Page<Violation>>(`${root}/event-contracts/${contract.id}/violations`, { limit: 100 }),
    // Violations are what the user came to see after sending an event: never show a cached list first.
    staleTime: 0,
    refetchInterval: 10_000,
  });
  return (
    <div className="card">
      <div className="row spread">
        <h2>Violations</h2>
        <button type="button" onClick={() => void violations.refetch()} disabled={violations.isFetching}>
          Refresh
        </button>
      </div>
      <DataList
        label="Violations"
        frame="bare"
        query={listOf(violations)}
        rowKey={(violation) => violation.id}
        empty="No violations recorded."
        columns={[
          { header: 'When', cell: (violation) => shortTime(violation.created_at) },
          { header: 'Event', cell: (violation) => violation.event_name ?? '—' },
          { header: 'Path', className: 'mono', cell: (violation) => violation.path },
          { header: 'Rule', cell: (violation) => violation.rule },
          { header: 'Found', cell: (violation) => violation.value_type ?? 'missing' },
          { header: 'Message', cell: (violation) => violation.message },
          { header: 'Action', cell: (violation) => <Status value={violation.action} /> },
        ]}
      />
    </div>
  );
}

/** Event contracts: a JSON-schema editor per contract, its modes, and the violations it recorded. */
export default function ContractsPage() {
  const { workspaceId, root } = useWorkspace();
  const queryClient = useQueryClient();
  const [selectedId, setSelectedId] = useState<string | 'new' | null>(null);
  // The answer of the last save, shown until the refreshed list has it.
  const [saved, setSaved] = useState<Contract | null>(null);
  const contracts = useQuery({ queryKey: [workspaceId, 'contracts'], queryFn: () => get<Contract[] | Page<Contract>>(`${root}/event-contracts`, { limit: 200 }) });
  const contractRows = rowsOf(contracts.data);
  const admin = useAdmin();
  const selected = selectedId && selectedId !== 'new' ? (contractRows?.find((contract) => contract.id === selectedId) ?? (saved?.id === selectedId ? saved : null)) : null;
  return (
    <section>
      <div className="row spread">
        <h1>Contracts</h1>
        {admin ? (
          <button type="button" className="primary" onClick={() => setSelectedId('new')}>
            New contract
          </button>
        ) : null}
      </div>
      <ErrorNote error={contracts.error} />
      {contracts.isPending ? <Loading /> : null}
      {contractRows?.length === 0 && !selectedId ? (
        <Empty title="No contracts yet.">
          <p>A contract declares the properties an event must carry; events that break it are warned about or blocked.</p>
        </Empty>
      ) : null}
      <div className="split">
        <ul className="list-nav" aria-label="Contracts list">
          {contractRows?.map((contract) => (
            <li key={contract.id}>
              <button type="button" className={contract.id === selectedId ? 'selected' : ''} onClick={() => setSelectedId(contract.id)}>
                <strong>{contract.name}</strong>
                <span className="muted">
                  {contract.event_type} · {contract.event_name ?? 'any name'} · <Status value={contract.enforcement_mode} /> {contract.status === 'archived' ? '· archived' : ''}
                </span>
              </button>
            </li>
          ))}
        </ul>
        <div className="grow">
          {selectedId && admin === false ? (
            <p className="muted note" role="note">
              Changing a contract needs an API key with the <code>admin</code> scope; this key does not have it.
            </p>
          ) : null}
          {selectedId && admin ? (
            <ContractForm
              key={selectedId}
              contract={selected}
              onSaved={(contract) => {
                setSaved(contract);
                void queryClient.invalidateQueries({ queryKey: [workspaceId, 'contracts'] });
                setSelectedId(contract.id);
              }}
            />
          ) : null}
          {selected ? <Violations contract={selected} /> : null}
        </div>
      </div>
    </section>
  );
}

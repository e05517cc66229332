import { useMutation, useQuery } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { get, post, put, type Page } from '../api/client.ts';
import type { Destination, DestinationType, Rule } from '../api/types.ts';
import { configToFields, fieldsToConfig, SchemaFields } from '../components/schema-form.tsx';
import { ErrorNote } from '../components/states.tsx';
import { useWorkspace } from './use-workspace.ts';

/**
 * Adds a destination of any type from the catalogue, or edits one. A webhook is a name and a URL
 * (its answer carries the signing secret, shown once); another type's config fields are generated
 * from its JSON Schema. A URL the SSRF guard refuses answers `url_not_allowed`, whose message says
 * when only `FORWARD_ALLOW_PRIVATE_TARGETS` stands in the way; a config that fails its schema
 * answers every field at once.
 */
export function DestinationForm({ destination, onSaved, onCancel }: { destination?: Destination; onSaved: (saved: Destination) => void; onCancel?: () => void }) {
  const { workspaceId, root } = useWorkspace();
  const types = useQuery({ queryKey: [workspaceId, 'destination-types'], queryFn: () => get<{ data: DestinationType[] }>(`${root}/destination-types`) });
  const [typeId, setTypeId] = useState(destination?.type ?? 'webhook');
  const type = types.data?.data.find((candidate) => candidate.id === typeId);
  const [name, setName] = useState(destination?.name ?? '');
  const [url, setUrl] = useState(destination?.url ?? '');
  const [fields, setFields] = useState<Record<string, string> | null>(null);
  const values = fields ?? (type && destination && destination.type !== 'webhook' ? configToFields(type, destination.config) : {});
  const body = () => {
    if (typeId === 'webhook') return { name, url };
    return { name, ...(destination ? {} : { type: typeId }), config: type ? fieldsToConfig(type, values) : {} };
  };
  const save = useMutation({
    mutationFn: () => (destination ? put<Destination>(`${root}/destinations/${destination.id}`, body()) : post<Destination>(`${root}/destinations`, body())),
    onSuccess: (saved) => {
      if (!destination) {
        setName('');
        setUrl('');
        setFields(null);
      }
      onSaved(saved);
    },
  });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    save.mutate();
  };
  const title = destination ? `Edit ${destination.name}` : typeId === 'webhook' ? 'New webhook destination' : `New ${type?.title ?? typeId} destination`;
  return (
    <form className="card form" onSubmit={submit} aria-label={destination ? `Edit destination ${destination.name}` : 'New destination'}>
      <h2>{title}</h2>
      {!destination ? (
        <label className="field">
          <span className="label">Type</span>
          <select
            name="type"
            value={typeId}
            onChange={(event) => {
              setTypeId(event.target.value);
              setFields(null);
            }}
          >
            {(types.data?.data ?? [{ id: 'webhook', title: 'Webhook' }]).map((candidate) => (
              <option key={candidate.id} value={candidate.id}>
                {candidate.title}
              </option>
            ))}
          </select>
        </label>
      ) : null}
      {type && typeId !== 'webhook' ? <p className="muted">{type.description}</p> : null}
      <div className="row wrap">
        <label className="field">
          <span className="label">Name</span>
          <input name="name" required value={name} onChange={(event) => setName(event.target.value)} />
        </label>
        {typeId === 'webhook' ? (
          <label className="field grow">
            <span className="label">URL</span>
            <input name="url" type="url" required value={url} onChange={(event) => setUrl(event.target.value)} placeholder="https://hooks.example.com/tributary" />
          </label>
        ) : type ? (
          <SchemaFields type={type} values={values} onChange={setFields} editing={destination !== undefined} />
        ) : null}
        <button type="submit" className="primary" disabled={save.isPending}>
          {destination ? 'Save' : 'Add'}
        </button>
        {onCancel ? (
          <button type="button" onClick={onCancel}>
            Cancel
          </button>
        ) : null}
      </div>
      <ErrorNote error={save.error} />
    </form>
  );
}

/** Adds a forwarding rule from event types and names to a destination. */
export function RuleForm({ destinations, onCreated }: { destinations: Destination[]; onCreated: () => void }) {
  const { workspaceId, root } = useWorkspace();
  const [name, setName] = useState('');
  const [destinationId, setDestinationId] = useState('');
  const [transformationId, setTransformationId] = useState('');
  const transformations = useQuery({
    queryKey: [workspaceId, 'transformations'],
    queryFn: () => get<Page<{ id: string; name: string; status: string }>>(`${root}/event-transformations`, { limit: 200 }),
  });
  const [types, setTypes] = useState('track');
  const [names, setNames] = useState('');
  const split = (text: string) => text.split(',').map((item) => item.trim()).filter(Boolean);
  const create = useMutation({
    mutationFn: () =>
      post<Rule>(`${root}/event-forwarding-rules`, {
        name,
        destination_id: destinationId || destinations[0]?.id,
        event_types: split(types), event_names: split(names),
        transformation_id: transformationId || null,
        enabled: true,
      }),
    onSuccess: () => {
      setName('');
      setNames('');
      onCreated();
    },
  });
  return (
    <form
      className="card form"
      aria-label="New forwarding rule"
      onSubmit={(event) => {
        event.preventDefault();
        create.mutate();
      }}
    >
      <h2>New forwarding rule</h2>
      <div className="row wrap">
        <label className="field">
          <span className="label">Name</span>
          <input name="rule-name" required value={name} onChange={(event) => setName(event.target.value)} />
        </label>
        <label className="field">
          <span className="label">Destination</span>
          <select name="destination" value={destinationId} onChange={(event) => setDestinationId(event.target.value)}>
            {destinations.map((destination) => (
              <option key={destination.id} value={destination.id}>
                {destination.name}
              </option>
            ))}
          </select>
        </label>
        <label className="field">
          <span className="label">Event types</span>
          <input name="types" value={types} onChange={(event) => setTypes(event.target.value)} />
        </label>
        <label className="field">
          <span className="label">Event names (empty: all)</span>
          <input name="names" value={names} onChange={(event) => setNames(event.target.value)} />
        </label>
        <label className="field">
          <span className="label">Transformation</span>
          <select name="transformation" value={transformationId} onChange={(event) => setTransformationId(event.target.value)}>
            <option value="">none</option>
            {transformations.data?.data
              .filter((transformation) => transformation.status === 'active')
              .map((transformation) => (
                <option key={transformation.id} value={transformation.id}>
                  {transformation.name}
                </option>
              ))}
          </select>
        </label>
        <button type="submit" disabled={create.isPending || destinations.length === 0}>
          Add rule
        </button>
      </div>
      <ErrorNote error={create.error} />
    </form>
  );
}

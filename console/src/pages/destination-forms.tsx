import { useMutation, useQuery } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { get, post, put, type Page } from '../api/client.ts';
import type { Destination, Rule } from '../api/types.ts';
import { ErrorNote } from '../components/states.tsx';
import { useWorkspace } from './use-workspace.ts';

/**
 * Adds a webhook destination (the answer carries its signing secret, shown once), or edits one's
 * name and URL. A URL the SSRF guard refuses answers `url_not_allowed`, whose message says when
 * only `FORWARD_ALLOW_PRIVATE_TARGETS` stands in the way.
 */
export function DestinationForm({ destination, onSaved, onCancel }: { destination?: Destination; onSaved: (saved: Destination) => void; onCancel?: () => void }) {
  const { root } = useWorkspace();
  const [name, setName] = useState(destination?.name ?? '');
  const [url, setUrl] = useState(destination?.url ?? '');
  const save = useMutation({
    mutationFn: () => (destination ? put<Destination>(`${root}/destinations/${destination.id}`, { name, url }) : post<Destination>(`${root}/destinations`, { name, url })),
    onSuccess: (saved) => {
      if (!destination) {
        setName('');
        setUrl('');
      }
      onSaved(saved);
    },
  });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    save.mutate();
  };
  return (
    <form className="card form" onSubmit={submit} aria-label={destination ? `Edit destination ${destination.name}` : 'New destination'}>
      <h2>{destination ? `Edit ${destination.name}` : 'New webhook destination'}</h2>
      <div className="row wrap">
        <label className="field">
          <span className="label">Name</span>
          <input name="name" required value={name} onChange={(event) => setName(event.target.value)} />
        </label>
        <label className="field grow">
          <span className="label">URL</span>
          <input name="url" type="url" required value={url} onChange={(event) => setUrl(event.target.value)} placeholder="https://hooks.example.com/tributary" />
        </label>
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

import type { Config } from '../config.ts';
import { openConfig, typeOf } from './destination-config.ts';
import type { DestinationClient, HttpPoster } from './destination-types/destination-type.ts';
import type { DestinationTypeRegistry } from './destination-types/registry.ts';
import { openDestination } from './destinations.ts';
import type { SecretBox } from './secret-box.ts';
import type { DestinationRow } from './tables.ts';

/** What opening a destination's client needs: the types, the key, an HTTP client, the settings. */
export interface ClientFactory {
  readonly types: DestinationTypeRegistry;
  readonly secrets: SecretBox;
  readonly http: HttpPoster;
  readonly config: Pick<Config, 'forwardTimeoutMs' | 'forwardAllowPrivateTargets'>;
}

/**
 * Opens a destination's client: its config decrypted once and handed to its type, with the
 * signing secrets (every destination has one) for types that sign. Throws only for a type no
 * longer registered (a plugin removed): the worker records that as the attempt's error.
 */
export function openClient(row: DestinationRow, factory: ClientFactory): DestinationClient {
  const type = factory.types.require(typeOf(row));
  const opened = openDestination(row, factory.secrets);
  return type.open(openConfig(row, factory.types, factory.secrets), {
    http: factory.http,
    timeoutMs: factory.config.forwardTimeoutMs,
    allowPrivateTargets: factory.config.forwardAllowPrivateTargets,
    destination: { id: row.id, workspaceId: row.workspace_id, name: row.name, batchSize: row.batch_size },
    sign: (requestId, body, now) => opened.signatureHeaders(requestId, body, now),
  });
}

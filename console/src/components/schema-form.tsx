import type { ConfigProperty, DestinationType } from '../api/types.ts';

/**
 * Fields generated from a destination type's config schema (flat objects, as every type's is):
 * strings and numbers as inputs, booleans as checkboxes, objects of strings (headers, templates)
 * as JSON text, arrays of strings (NATS servers) as comma-separated text. A secret is a password input; when editing it starts empty and empty means "keep
 * the stored one" (the API keeps a secret left out).
 */
export function SchemaFields({
  type,
  values,
  onChange,
  editing,
}: {
  type: DestinationType;
  values: Record<string, string>;
  onChange: (values: Record<string, string>) => void;
  editing: boolean;
}) {
  const required = new Set(type.config_schema.required ?? []);
  return (
    <>
      {Object.entries(type.config_schema.properties).map(([name, property]) => {
        const secret = property['x-secret'] === true;
        const label = property.title ?? name;
        const set = (value: string) => onChange({ ...values, [name]: value });
        const isObject = property.type === 'object';
        return (
          <label key={name} className={isObject ? 'field grow' : 'field'}>
            <span className="label">{label}</span>
            {property.type === 'boolean' ? (
              <input type="checkbox" name={`config.${name}`} checked={values[name] === 'true'} onChange={(event) => set(event.target.checked ? 'true' : 'false')} />
            ) : isObject ? (
              <textarea name={`config.${name}`} rows={3} value={values[name] ?? ''} onChange={(event) => set(event.target.value)} placeholder='{"Order Completed": "…"}' />
            ) : (
              <input
                name={`config.${name}`}
                type={secret ? 'password' : property.type === 'integer' || property.type === 'number' ? 'number' : 'text'}
                autoComplete="off"
                required={required.has(name) && !(secret && editing)}
                value={values[name] ?? ''}
                placeholder={secret && editing ? 'unchanged' : typeof property.default === 'string' ? property.default : property.type === 'array' ? 'comma-separated' : ''}
                onChange={(event) => set(event.target.value)}
              />
            )}
            {property.description ? <span className="muted small">{property.description}</span> : null}
          </label>
        );
      })}
    </>
  );
}

/** The form's text values of a stored config: secrets left empty (kept unless retyped), objects as JSON. */
export function configToFields(type: DestinationType, config: Record<string, unknown>): Record<string, string> {
  const fields: Record<string, string> = {};
  for (const [name, property] of Object.entries(type.config_schema.properties)) {
    const value = config[name];
    if (property['x-secret'] === true || value === undefined || value === null) continue;
    if (property.type === 'array' && Array.isArray(value)) fields[name] = value.join(', ');
    else fields[name] = typeof value === 'object' ? JSON.stringify(value, null, 1) : String(value);
  }
  return fields;
}

/** The config the API takes from the form's text values; a JSON field that does not parse is sent as text (the API names it). */
export function fieldsToConfig(type: DestinationType, fields: Record<string, string>): Record<string, unknown> {
  const config: Record<string, unknown> = {};
  for (const [name, property] of Object.entries(type.config_schema.properties) as Array<[string, ConfigProperty]>) {
    const text = fields[name];
    if (text === undefined || text === '') continue;
    if (property.type === 'object') {
      try {
        config[name] = JSON.parse(text);
      } catch {
        config[name] = text;
      }
    } else if (property.type === 'array') {
      config[name] = text
        .split(/[,\s]+/)
        .map((item) => item.trim())
        .filter((item) => item !== '');
    } else if (property.type === 'integer' || property.type === 'number') config[name] = Number(text);
    else if (property.type === 'boolean') config[name] = text === 'true';
    else config[name] = text;
  }
  return config;
}

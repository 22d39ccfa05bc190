import { commandParamsSchema, type CommandSpec } from '@fieldbook/shared';

/** One input of a command form, read from the parameter's JSON Schema. */
export interface ParamField {
  readonly name: string;
  readonly label: string;
  readonly kind: 'number' | 'integer' | 'choice' | 'text' | 'boolean';
  readonly required: boolean;
  readonly choices: readonly string[];
  readonly min?: number;
  readonly max?: number;
  /** The schema's default, as the form's starting text. */
  readonly initial: string;
  readonly description?: string;
}

type JsonSchema = {
  type?: string;
  title?: string;
  description?: string;
  enum?: unknown[];
  minimum?: number;
  maximum?: number;
  default?: unknown;
};

/** The form fields of a command's parameters, in the schema's order. */
export function paramFields(spec: CommandSpec): ParamField[] {
  const schema = spec.parameterSchema as {
    properties?: Record<string, JsonSchema>;
    required?: string[];
  };
  const required = new Set(schema.required ?? []);
  return Object.entries(schema.properties ?? {}).map(([name, p]) => {
    const choices = (p.enum ?? []).map(String);
    const kind: ParamField['kind'] =
      choices.length > 0
        ? 'choice'
        : p.type === 'number' || p.type === 'integer' || p.type === 'boolean'
          ? p.type
          : 'text';
    return {
      name,
      label: p.title ?? name,
      kind,
      required: required.has(name),
      choices,
      min: p.minimum,
      max: p.maximum,
      initial: p.default === undefined ? '' : String(p.default),
      description: p.description,
    };
  });
}

/** Form values (text per field) as the parameters object; empty optional fields are left out. */
export function paramsOf(fields: readonly ParamField[], values: Record<string, string>) {
  const params: Record<string, unknown> = {};
  for (const f of fields) {
    const raw = (values[f.name] ?? '').trim();
    if (f.kind === 'boolean') params[f.name] = raw === 'true';
    else if (raw === '') continue;
    else if (f.kind === 'number' || f.kind === 'integer') params[f.name] = Number(raw);
    else params[f.name] = raw;
  }
  return params;
}

/**
 * The parameters when they fit the command's schema, else a sentence per
 * field: the same check (shared commandParamsSchema) the server makes.
 */
export function checkParams(
  spec: CommandSpec,
  fields: readonly ParamField[],
  values: Record<string, string>,
): { params: Record<string, unknown> } | { errors: Record<string, string> } {
  const params = paramsOf(fields, values);
  const parsed = commandParamsSchema(spec).safeParse(params);
  if (parsed.success) return { params };
  const errors: Record<string, string> = {};
  for (const issue of parsed.error.issues) {
    const name = String(issue.path[0] ?? '');
    const field = fields.find((f) => f.name === name);
    errors[name] ||= field ? describe(field, params[name]) : issue.message;
  }
  return { errors };
}

function describe(field: ParamField, value: unknown): string {
  if (value === undefined) return `${field.label} is required.`;
  if (field.kind === 'integer' && !Number.isInteger(value))
    return `${field.label} must be a whole number.`;
  if ((field.kind === 'number' || field.kind === 'integer') && Number.isNaN(value))
    return `${field.label} must be a number.`;
  if (field.min !== undefined && field.max !== undefined)
    return `${field.label} must be between ${field.min} and ${field.max}.`;
  if (field.min !== undefined) return `${field.label} must be at least ${field.min}.`;
  if (field.max !== undefined) return `${field.label} must be at most ${field.max}.`;
  return `${field.label} is not valid.`;
}

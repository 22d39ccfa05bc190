import { isFieldbookError, newId } from '@fieldbook/shared';
import { Send, ShieldAlert } from 'lucide-react';
import { useMemo, useState, type FormEvent } from 'react';
import { Badge, Button, Checkbox, Field, Input, Select, toast } from '../ui';
import type { Instrument } from './instrumentApi';
import type { InstrumentBoard } from './instrumentBoard';
import { checkParams, paramFields, type ParamField } from './paramFields';

function ParamInput({
  field,
  value,
  error,
  onChange,
}: {
  field: ParamField;
  value: string;
  error?: string;
  onChange(value: string): void;
}) {
  const hint =
    field.min !== undefined || field.max !== undefined
      ? `${field.min ?? '…'} to ${field.max ?? '…'}${field.required ? '' : ' (optional)'}`
      : field.required
        ? field.description
        : `Optional${field.description ? ` — ${field.description}` : ''}`;
  if (field.kind === 'boolean')
    return (
      <Checkbox
        checked={value === 'true'}
        onCheckedChange={(on) => onChange(on ? 'true' : 'false')}
        label={field.label}
      />
    );
  return (
    <Field label={field.label} hint={hint} error={error}>
      {(ids) =>
        field.kind === 'choice' ? (
          <Select
            {...ids}
            aria-label={field.label}
            value={value || undefined}
            placeholder="Choose…"
            onValueChange={onChange}
            options={field.choices.map((c) => ({ value: c, label: c }))}
          />
        ) : (
          <Input
            {...ids}
            inputMode={field.kind === 'text' ? undefined : 'decimal'}
            value={value}
            onChange={(e) => onChange(e.target.value)}
          />
        )
      }
    </Field>
  );
}

/**
 * Sends a command to an instrument: the command picked from its manifest,
 * a form made from the command's parameter schema and checked as the server
 * checks it, a note. A hazardous command says it will wait for a second operator.
 */
export function CommandForm({
  instrument,
  board,
}: {
  instrument: Instrument;
  board: InstrumentBoard;
}) {
  const specs = instrument.spec.commands;
  const [commandId, setCommandId] = useState(specs[0]?.id ?? '');
  const spec = specs.find((c) => c.id === commandId) ?? null;
  const fields = useMemo(() => (spec ? paramFields(spec) : []), [spec]);
  const [values, setValues] = useState<Record<string, string>>({});
  const [note, setNote] = useState('');
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [failure, setFailure] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const choose = (id: string) => {
    setCommandId(id);
    setValues({});
    setErrors({});
    setFailure(null);
  };
  const valueOf = (f: ParamField) => values[f.name] ?? f.initial;

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (!spec) return;
    const filled = Object.fromEntries(fields.map((f) => [f.name, valueOf(f)]));
    const checked = checkParams(spec, fields, filled);
    if ('errors' in checked) {
      setErrors(checked.errors);
      return;
    }
    setErrors({});
    setFailure(null);
    setBusy(true);
    try {
      const sent = await board.api.send(instrument.id, {
        command: spec.id,
        params: checked.params,
        note: note.trim() || undefined,
        commandId: newId(),
      });
      board.noteCommand(sent);
      setNote('');
      toast(
        sent.state === 'awaiting_approval'
          ? {
              title: `${spec.id} awaits approval`,
              description: 'Another operator must approve it.',
              tone: 'warning',
            }
          : { title: `${spec.id} sent to ${instrument.name}`, tone: 'success' },
      );
    } catch (err) {
      setFailure(isFieldbookError(err) ? err.message : 'The command could not be sent.');
    } finally {
      setBusy(false);
    }
  };

  if (specs.length === 0) return <p className="muted">This instrument accepts no commands.</p>;
  return (
    <form className="command-form" onSubmit={(e) => void submit(e)} aria-label="Send a command">
      <div className="command-form__head">
        <Field label="Command" hint={spec?.description}>
          {(ids) => (
            <Select
              {...ids}
              aria-label="Command"
              value={commandId}
              onValueChange={choose}
              options={specs.map((c) => ({ value: c.id, label: c.id }))}
            />
          )}
        </Field>
        {spec?.hazard === 'hazardous' && (
          <p className="command-form__hazard" role="note">
            <ShieldAlert size={16} aria-hidden="true" />
            <span>
              <Badge tone="warning">Hazardous</Badge> A second operator must approve it before it is
              sent.
            </span>
          </p>
        )}
      </div>
      <div className="command-form__fields">
        {fields.map((f) => (
          <ParamInput
            key={`${commandId}:${f.name}`}
            field={f}
            value={valueOf(f)}
            error={errors[f.name]}
            onChange={(v) => setValues((prev) => ({ ...prev, [f.name]: v }))}
          />
        ))}
        <Field label="Note" hint="Optional: why, for the log">
          {(ids) => <Input {...ids} value={note} onChange={(e) => setNote(e.target.value)} />}
        </Field>
      </div>
      {failure && (
        <p className="ui-field__error" role="alert">
          {failure}
        </p>
      )}
      <div className="command-form__actions">
        <Button type="submit" variant="primary" icon={<Send size={15} />} loading={busy}>
          {spec?.hazard === 'hazardous' ? 'Request approval' : 'Send command'}
        </Button>
      </div>
    </form>
  );
}

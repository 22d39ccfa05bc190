import { ROLES, type AlertCondition, type Role } from '@fieldbook/shared';
import { useState } from 'react';
import { Button, Checkbox, DialogClose, DialogContent, Field, Input, Select, Switch } from '../ui';
import type { AlertRuleForm } from './alertsApi';
import { listOf } from './alertText';

const KINDS = ['point', 'range', 'line', 'arrow', 'rect', 'text', 'polygon'] as const;
type Kind = (typeof KINDS)[number];
const STATUSES = [
  { value: 'any', label: 'Any status' },
  { value: 'draft', label: 'Awaiting review' },
  { value: 'approved', label: 'Approved' },
];

/**
 * The form of a new alert rule: a name; the condition on annotations (kinds,
 * tags, words in title or body, channels, status — empty fields match all);
 * an optional threshold (at least N within M minutes); whom a firing tells.
 */
export function NewAlertRuleDialog({
  onCreate,
}: {
  onCreate: (form: AlertRuleForm) => Promise<void>;
}) {
  const [name, setName] = useState('');
  const [kinds, setKinds] = useState<Kind[]>([]);
  const [tags, setTags] = useState('');
  const [keywords, setKeywords] = useState('');
  const [channels, setChannels] = useState('');
  const [status, setStatus] = useState('any');
  const [useThreshold, setUseThreshold] = useState(false);
  const [count, setCount] = useState('3');
  const [minutes, setMinutes] = useState('60');
  const [roles, setRoles] = useState<Role[]>(['admin']);
  const [webhook, setWebhook] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const submit = async () => {
    setBusy(true);
    setError(null);
    const condition: AlertCondition = {
      ...(kinds.length ? { kinds } : {}),
      ...(listOf(tags) ? { tags: listOf(tags) } : {}),
      ...(listOf(keywords) ? { keywords: listOf(keywords) } : {}),
      ...(listOf(channels) ? { channels: listOf(channels) } : {}),
      ...(status === 'any' ? {} : { status: status as 'draft' | 'approved' }),
    };
    try {
      await onCreate({
        name: name.trim(),
        condition,
        threshold: useThreshold
          ? { count: Number(count), windowMs: Math.round(Number(minutes) * 60_000) }
          : null,
        actions: { notifyRoles: roles, notifyUsers: [], webhook },
      });
    } catch (err) {
      setError(err instanceof Error ? err.message : 'The rule could not be created');
    } finally {
      setBusy(false);
    }
  };
  const thresholdValid =
    !useThreshold ||
    (Number.isInteger(Number(count)) && Number(count) >= 1 && Number(minutes) >= 1);

  return (
    <DialogContent
      title="New alert rule"
      description="Fires as annotations matching the condition are created or changed."
      size="lg"
      footer={
        <>
          <DialogClose asChild>
            <Button variant="secondary">Cancel</Button>
          </DialogClose>
          <Button
            variant="primary"
            loading={busy}
            disabled={!name.trim() || !thresholdValid}
            onClick={() => void submit()}
          >
            Create rule
          </Button>
        </>
      }
    >
      <form
        className="alert-form"
        onSubmit={(e) => {
          e.preventDefault();
          void submit();
        }}
      >
        <Field label="Name" error={error ?? undefined}>
          {(ids) => (
            <Input {...ids} value={name} onChange={(e) => setName(e.target.value)} autoFocus />
          )}
        </Field>
        <fieldset className="alert-form__group">
          <legend>Annotations that match</legend>
          <div className="alert-form__kinds" role="group" aria-label="Kinds">
            {KINDS.map((k) => (
              <Checkbox
                key={k}
                label={k}
                checked={kinds.includes(k)}
                onCheckedChange={(on) =>
                  setKinds((old) => (on ? [...old, k] : old.filter((x) => x !== k)))
                }
              />
            ))}
          </div>
          <div className="alert-form__row">
            <Field label="Tags" hint="Any of them; comma-separated">
              {(ids) => <Input {...ids} value={tags} onChange={(e) => setTags(e.target.value)} />}
            </Field>
            <Field label="Words in title or body" hint="Any of them">
              {(ids) => (
                <Input {...ids} value={keywords} onChange={(e) => setKeywords(e.target.value)} />
              )}
            </Field>
          </div>
          <div className="alert-form__row">
            <Field label="Channels" hint="e.g. wheel.current">
              {(ids) => (
                <Input {...ids} value={channels} onChange={(e) => setChannels(e.target.value)} />
              )}
            </Field>
            <div className="ui-field">
              <span className="ui-field__label" id="alert-status-label">
                Status
              </span>
              <Select
                aria-labelledby="alert-status-label"
                value={status}
                onValueChange={setStatus}
                options={STATUSES}
              />
            </div>
          </div>
        </fieldset>
        <fieldset className="alert-form__group">
          <legend>Threshold</legend>
          <Switch
            checked={useThreshold}
            onCheckedChange={setUseThreshold}
            label="Only when several match within a window"
          />
          {useThreshold && (
            <div className="alert-form__row">
              <Field label="At least (annotations)">
                {(ids) => (
                  <Input
                    {...ids}
                    type="number"
                    min={1}
                    value={count}
                    onChange={(e) => setCount(e.target.value)}
                  />
                )}
              </Field>
              <Field label="Within (minutes)">
                {(ids) => (
                  <Input
                    {...ids}
                    type="number"
                    min={1}
                    value={minutes}
                    onChange={(e) => setMinutes(e.target.value)}
                  />
                )}
              </Field>
            </div>
          )}
        </fieldset>
        <fieldset className="alert-form__group">
          <legend>When it fires</legend>
          <div className="alert-form__kinds" role="group" aria-label="Notify in the app">
            {ROLES.map((r) => (
              <Checkbox
                key={r}
                label={`Notify ${r}s`}
                checked={roles.includes(r)}
                onCheckedChange={(on) =>
                  setRoles((old) => (on ? [...old, r] : old.filter((x) => x !== r)))
                }
              />
            ))}
          </div>
          <Checkbox
            label={
              <>
                Send <code>alert.fired</code> to the workspace’s webhooks
              </>
            }
            checked={webhook}
            onCheckedChange={setWebhook}
          />
        </fieldset>
      </form>
    </DialogContent>
  );
}

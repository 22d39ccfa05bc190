import { WEBHOOK_EVENTS, type WebhookEvent } from '@fieldbook/shared';
import { Copy } from 'lucide-react';
import { useState } from 'react';
import { Button, Checkbox, DialogClose, DialogContent, Field, Input, toast } from '../ui';
import type { WebhookForm } from './webhooksApi';

/** The events an admin can subscribe to (ping is sent on request only). */
export const SUBSCRIBABLE = WEBHOOK_EVENTS.filter((e) => e !== 'webhook.ping');

/** The form of a new webhook: URL, description, events. */
export function NewWebhookDialog({ onCreate }: { onCreate: (form: WebhookForm) => Promise<void> }) {
  const [url, setUrl] = useState('');
  const [description, setDescription] = useState('');
  const [events, setEvents] = useState<WebhookEvent[]>(['document.created', 'annotation.approved']);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const submit = async () => {
    setBusy(true);
    setError(null);
    try {
      await onCreate({ url: url.trim(), description: description.trim(), events });
    } catch (err) {
      setError(err instanceof Error ? err.message : 'The webhook could not be created');
    } finally {
      setBusy(false);
    }
  };
  return (
    <DialogContent
      title="New webhook"
      description="Fieldbook POSTs a signed JSON payload to this URL when the chosen events happen."
      size="lg"
      footer={
        <>
          <DialogClose asChild>
            <Button variant="secondary">Cancel</Button>
          </DialogClose>
          <Button
            variant="primary"
            loading={busy}
            disabled={!url.trim() || events.length === 0}
            onClick={() => void submit()}
          >
            Create webhook
          </Button>
        </>
      }
    >
      <form
        className="webhook-form"
        onSubmit={(e) => {
          e.preventDefault();
          void submit();
        }}
      >
        <Field
          label="Payload URL"
          error={error ?? undefined}
          hint="http or https; private and loopback addresses are refused"
        >
          {(ids) => (
            <Input
              {...ids}
              type="url"
              placeholder="https://example.org/fieldbook"
              value={url}
              onChange={(e) => setUrl(e.target.value)}
              autoFocus
            />
          )}
        </Field>
        <Field label="Description">
          {(ids) => (
            <Input {...ids} value={description} onChange={(e) => setDescription(e.target.value)} />
          )}
        </Field>
        <fieldset className="webhook-form__events">
          <legend>Events</legend>
          {SUBSCRIBABLE.map((e) => (
            <Checkbox
              key={e}
              label={<code>{e}</code>}
              checked={events.includes(e)}
              onCheckedChange={(on) =>
                setEvents((old) => (on ? [...old, e] : old.filter((x) => x !== e)))
              }
            />
          ))}
        </fieldset>
      </form>
    </DialogContent>
  );
}

/** Shows a signing secret once, with a copy button and how to check signatures. */
export function SecretDialog({ secret }: { secret: string }) {
  return (
    <DialogContent
      title="Signing secret"
      description="Copy it now: it is shown only this once. Rotate it to get a new one."
      footer={
        <DialogClose asChild>
          <Button variant="primary">Done</Button>
        </DialogClose>
      }
    >
      <div className="webhook-secret">
        <code className="webhook-secret__value">{secret}</code>
        <Button
          size="sm"
          icon={<Copy size={14} />}
          onClick={() =>
            void navigator.clipboard
              .writeText(secret)
              .then(() => toast({ title: 'Secret copied' }))
              .catch(() =>
                toast({ title: 'Copy failed: select the text and copy it', tone: 'danger' }),
              )
          }
        >
          Copy
        </Button>
      </div>
      <p className="muted">
        Each delivery carries <code>X-Fieldbook-Timestamp</code> and{' '}
        <code>X-Fieldbook-Signature: sha256=…</code>, the HMAC-SHA256 of <code>timestamp.body</code>{' '}
        under this secret. Refuse old timestamps to stop replays, and dedupe on{' '}
        <code>X-Fieldbook-Delivery</code>.
      </p>
    </DialogContent>
  );
}

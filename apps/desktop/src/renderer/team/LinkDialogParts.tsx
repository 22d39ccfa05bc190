import { Button, DialogClose } from '../ui';
import { CopyField } from './CopyField';
import { whenText } from './teamText';

/** A single-use link just made (an invitation, a password reset). */
export interface MadeLink {
  link: string;
  expiresAt: number;
}

/**
 * The footer of a dialog that makes a single-use link: Cancel and the create
 * button until the link exists, then Done.
 */
export function LinkDialogFooter(props: {
  made: boolean;
  busy: boolean;
  createLabel: string;
  onCreate: () => void;
}) {
  if (props.made)
    return (
      <DialogClose asChild>
        <Button variant="primary">Done</Button>
      </DialogClose>
    );
  return (
    <>
      <DialogClose asChild>
        <Button>Cancel</Button>
      </DialogClose>
      <Button variant="primary" loading={props.busy} onClick={props.onCreate}>
        {props.createLabel}
      </Button>
    </>
  );
}

/** The link made, to copy, with when it stops working. */
export function MadeLinkField({ label, made }: { label: string; made: MadeLink }) {
  return (
    <CopyField
      label={label}
      value={made.link}
      hint={`Single use. Expires ${whenText(made.expiresAt)}.`}
    />
  );
}

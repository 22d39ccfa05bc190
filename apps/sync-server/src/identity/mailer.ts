/** One e-mail to send. `text` may hold a secret link: never log it. */
export interface OutgoingMail {
  to: string;
  subject: string;
  text: string;
}

/**
 * The seam for sending e-mail (password-reset links now). This machine has no
 * mail transport, so the server wires a LoggingMailer; an SMTP implementation
 * plugs in here without touching the services that send mail.
 */
export interface Mailer {
  /** Whether mail really leaves the server (else the caller hands links on by hand). */
  readonly delivers: boolean;
  send(mail: OutgoingMail): Promise<void>;
}

/**
 * A Mailer that sends nothing and logs that a mail was due — to whom and
 * about what, never its text (which carries the link's secret).
 */
export class LoggingMailer implements Mailer {
  readonly delivers = false;

  constructor(private readonly log: (entry: { to: string; subject: string }) => void) {}

  async send(mail: OutgoingMail): Promise<void> {
    this.log({ to: mail.to, subject: mail.subject });
  }
}

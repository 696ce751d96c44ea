import { Injectable, Logger, OnModuleDestroy } from '@nestjs/common';
import nodemailer, { Transporter } from 'nodemailer';
import { AppConfig } from '@sluice/config';

export interface Mail {
  to: string;
  subject: string;
  text: string;
}

/**
 * Invitation and password-reset mails over SMTP (MAIL_TYPE=smtp). Without it nothing is sent and
 * callers hand the link to the admin who asked. Mail bodies carry secrets: they are never logged.
 */
@Injectable()
export class MailerService implements OnModuleDestroy {
  private readonly log = new Logger(MailerService.name);
  private transport?: Transporter;

  constructor(private readonly cfg: AppConfig) {}

  get enabled(): boolean {
    return this.cfg.mail !== null;
  }

  /** True when the server accepted the mail. */
  async send(mail: Mail): Promise<boolean> {
    const m = this.cfg.mail;
    if (!m) return false;
    this.transport ??= nodemailer.createTransport({
      host: m.smtp.host,
      port: m.smtp.port,
      secure: m.smtp.useTls && !m.smtp.opportunisticTls,
      requireTLS: m.smtp.useTls && m.smtp.opportunisticTls,
      auth: m.smtp.username ? { user: m.smtp.username, pass: m.smtp.password ?? '' } : undefined,
      connectionTimeout: 10_000,
      greetingTimeout: 10_000,
    });
    try {
      await this.transport.sendMail({ from: m.from, to: mail.to, subject: mail.subject, text: mail.text });
      return true;
    } catch (err) {
      // The subject says what failed; the body (with its link) stays out of the log.
      this.log.warn(`mail "${mail.subject}" not sent: ${(err as { code?: string }).code ?? 'error'}`);
      return false;
    }
  }

  onModuleDestroy() {
    this.transport?.close();
  }
}

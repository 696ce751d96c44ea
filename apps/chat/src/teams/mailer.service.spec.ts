import assert from 'node:assert/strict';
import { Server, createServer } from 'node:net';
import { describe, it } from 'node:test';
import { AppConfig } from '@sluice/config';
import { MailerService } from './mailer.service';

/** Just enough SMTP to accept one mail and keep what it said. */
function smtpServer(): Promise<{ server: Server; port: number; mails: string[] }> {
  const mails: string[] = [];
  const server = createServer((sock) => {
    let data = false;
    let buf = '';
    sock.write('220 test ESMTP\r\n');
    sock.on('data', (chunk) => {
      buf += chunk.toString('utf8');
      let i: number;
      while (data ? (i = buf.indexOf('\r\n.\r\n')) >= 0 : (i = buf.indexOf('\r\n')) >= 0) {
        if (data) {
          mails.push(buf.slice(0, i));
          buf = buf.slice(i + 5);
          data = false;
          sock.write('250 queued\r\n');
          continue;
        }
        const line = buf.slice(0, i);
        buf = buf.slice(i + 2);
        const cmd = line.slice(0, 4).toUpperCase();
        if (cmd === 'EHLO' || cmd === 'HELO') sock.write('250 test\r\n');
        else if (cmd === 'DATA') {
          data = true;
          sock.write('354 go on\r\n');
        } else if (cmd === 'QUIT') sock.end('221 bye\r\n');
        else sock.write('250 ok\r\n');
      }
    });
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve({ server, port: (server.address() as { port: number }).port, mails })));
}

const config = (port: number) =>
  ({ mail: { from: 'Sluice <noreply@example.com>', smtp: { host: '127.0.0.1', port, useTls: false, opportunisticTls: false } } }) as unknown as AppConfig;

describe('MailerService', () => {
  it('sends over SMTP when MAIL_TYPE is configured', async () => {
    const { server, port, mails } = await smtpServer();
    const mailer = new MailerService(config(port));
    try {
      assert.equal(mailer.enabled, true);
      assert.equal(await mailer.send({ to: 'new@example.com', subject: 'You are invited', text: 'https://console.example.com/activate?token=abc' }), true);
      assert.equal(mails.length, 1);
      assert.match(mails[0], /To: new@example.com/);
      assert.match(mails[0], /Subject: You are invited/);
      assert.match(mails[0], /activate\?token=abc/);
    } finally {
      mailer.onModuleDestroy();
      server.close();
    }
  });

  it('reports failure (and sends nothing) without a server or without MAIL_TYPE', async () => {
    const { server, port } = await smtpServer();
    server.close();
    const mailer = new MailerService(config(port));
    assert.equal(await mailer.send({ to: 'x@example.com', subject: 's', text: 't' }), false);
    mailer.onModuleDestroy();
    const off = new MailerService({ mail: null } as unknown as AppConfig);
    assert.equal(off.enabled, false);
    assert.equal(await off.send({ to: 'x@example.com', subject: 's', text: 't' }), false);
  });
});

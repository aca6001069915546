// A real SMTP server on loopback (smtp-server), keeping every message it
// receives parsed (mailparser), for tests of mail delivery.
import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';
import { simpleParser, type ParsedMail } from 'mailparser';

export interface TestSmtpServer {
  url: string;
  messages: ParsedMail[];
  /** Resolves with the next message to `to` (or one already received and not yet taken). */
  nextMessageTo(to: string): Promise<ParsedMail>;
  close(): Promise<void>;
}

export async function startSmtpServer(): Promise<TestSmtpServer> {
  const messages: ParsedMail[] = [];
  const taken = new Set<ParsedMail>();
  const waiting: { to: string; resolve: (mail: ParsedMail) => void }[] = [];
  const recipient = (mail: ParsedMail) => (Array.isArray(mail.to) ? mail.to[0] : mail.to)?.value[0]?.address ?? '';
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    onData(stream, _session, callback) {
      simpleParser(stream).then((mail) => {
        messages.push(mail);
        const index = waiting.findIndex((wait) => wait.to === recipient(mail));
        if (index >= 0) {
          taken.add(mail);
          waiting.splice(index, 1)[0]!.resolve(mail);
        }
        callback();
      }, callback);
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.server.address() as AddressInfo;
  return {
    url: `smtp://127.0.0.1:${port}`,
    messages,
    nextMessageTo(to) {
      const ready = messages.find((mail) => !taken.has(mail) && recipient(mail) === to);
      if (ready) {
        taken.add(ready);
        return Promise.resolve(ready);
      }
      return new Promise((resolve) => waiting.push({ to, resolve }));
    },
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

// A real SMTP server on loopback (smtp-server), keeping every message it
// receives, raw and parsed (mailparser), for tests of mail delivery. It can
// refuse recipients (a 5xx or 4xx reply, as real servers do) and tell a test
// when a message arrived, before its 250 reply goes out.
import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';
import { simpleParser, type ParsedMail } from 'mailparser';

export interface Refusal {
  code: number;
  message: string;
}

export interface SmtpServerOptions {
  /** A reply refusing this recipient, or null to accept it. */
  refuse?: (address: string) => Refusal | null;
  /** Called with each message as it arrives, before the server answers 250 (awaited). */
  beforeAccepting?: (mail: ParsedMail, count: number) => Promise<void> | void;
}

export interface TestSmtpServer {
  url: string;
  messages: ParsedMail[];
  /** The raw bytes of each message, in the order of `messages`. */
  raw: Buffer[];
  /** Resolves with the next message to `to` (or one already received and not yet taken). */
  nextMessageTo(to: string): Promise<ParsedMail>;
  close(): Promise<void>;
}

export function recipientOf(mail: ParsedMail): string {
  return (Array.isArray(mail.to) ? mail.to[0] : mail.to)?.value[0]?.address ?? '';
}

export async function startSmtpServer(options: SmtpServerOptions = {}): Promise<TestSmtpServer> {
  const messages: ParsedMail[] = [];
  const raw: Buffer[] = [];
  const taken = new Set<ParsedMail>();
  const waiting: { to: string; resolve: (mail: ParsedMail) => void }[] = [];
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onRcptTo(address, _session, callback) {
      const refusal = options.refuse?.(address.address);
      if (!refusal) return callback();
      callback(Object.assign(new Error(refusal.message), { responseCode: refusal.code }));
    },
    onData(stream, _session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('end', async () => {
        try {
          const bytes = Buffer.concat(chunks);
          const mail = await simpleParser(bytes);
          await options.beforeAccepting?.(mail, messages.length + 1);
          messages.push(mail);
          raw.push(bytes);
          const index = waiting.findIndex((wait) => wait.to === recipientOf(mail));
          if (index >= 0) {
            taken.add(mail);
            waiting.splice(index, 1)[0]!.resolve(mail);
          }
          callback();
        } catch (error) {
          callback(error as Error);
        }
      });
    },
  });
  // A client killed mid-conversation resets its connection: expected in tests that kill senders.
  server.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code !== 'ECONNRESET' && error.code !== 'EPIPE') throw error;
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.server.address() as AddressInfo;
  return {
    url: `smtp://127.0.0.1:${port}`,
    messages,
    raw,
    nextMessageTo(to) {
      const ready = messages.find((mail) => !taken.has(mail) && recipientOf(mail) === to);
      if (ready) {
        taken.add(ready);
        return Promise.resolve(ready);
      }
      return new Promise((resolve) => waiting.push({ to, resolve }));
    },
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

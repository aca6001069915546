// DKIM signing of outgoing mail, from DKIM_DOMAIN, DKIM_SELECTOR and the PEM
// file DKIM_PRIVATE_KEY_FILE: all three or none.
import { readFileSync } from 'node:fs';
import { AppError } from '../errors.ts';
import type { DkimOptions } from './mailer.ts';

/** RFC 8058 asks that the signature cover List-Unsubscribe and List-Unsubscribe-Post; the rest are RFC 6376's usual headers. */
const SIGNED_HEADERS = [
  'From',
  'Sender',
  'Reply-To',
  'Subject',
  'Date',
  'Message-ID',
  'To',
  'Cc',
  'MIME-Version',
  'Content-Type',
  'Content-Transfer-Encoding',
  'In-Reply-To',
  'References',
  'List-Id',
  'List-Unsubscribe',
  'List-Unsubscribe-Post',
].join(':');

export function dkimOptions(config: { dkimDomain: string; dkimSelector: string; dkimPrivateKeyFile: string }): DkimOptions | null {
  const given = [config.dkimDomain, config.dkimSelector, config.dkimPrivateKeyFile].filter(Boolean).length;
  if (given === 0) return null;
  if (given < 3) throw new AppError('invalid', 'DKIM needs all of DKIM_DOMAIN, DKIM_SELECTOR and DKIM_PRIVATE_KEY_FILE, or none of them');
  let privateKey: string;
  try {
    privateKey = readFileSync(config.dkimPrivateKeyFile, 'utf8');
  } catch (error) {
    throw new AppError('invalid', `cannot read DKIM_PRIVATE_KEY_FILE ${config.dkimPrivateKeyFile}: ${(error as Error).message}`, {
      cause: error,
    });
  }
  if (!privateKey.includes('PRIVATE KEY'))
    throw new AppError('invalid', `DKIM_PRIVATE_KEY_FILE ${config.dkimPrivateKeyFile} holds no PEM private key`);
  return { domainName: config.dkimDomain, keySelector: config.dkimSelector, privateKey, headerFieldNames: SIGNED_HEADERS };
}

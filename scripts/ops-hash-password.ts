/**
 * Prints an OPS_USERS entry for a staff account: `npm run ops:hash-password -- <name>`, then type
 * the password (not echoed), or pipe it in: `printf %s "$PW" | npm run ops:hash-password -- alice`.
 * The password is never taken from the command line, so it stays out of shell history.
 */
import { createInterface } from 'node:readline';
import { hashOpsPassword } from '../lib/ops/password';

async function readPassword(): Promise<string> {
  if (!process.stdin.isTTY) {
    const chunks: Buffer[] = [];
    for await (const c of process.stdin) chunks.push(c as Buffer);
    return Buffer.concat(chunks)
      .toString('utf8')
      .replace(/\r?\n$/, '');
  }
  const rl = createInterface({ input: process.stdin, output: process.stdout, terminal: true });
  const mute = rl as unknown as { _writeToOutput: (s: string) => void };
  process.stdout.write('Password: ');
  mute._writeToOutput = () => {};
  const answer = await new Promise<string>((resolve) => rl.question('', resolve));
  rl.close();
  process.stdout.write('\n');
  return answer;
}

async function main() {
  const name = process.argv[2] ?? '';
  if (!/^[a-z0-9][a-z0-9._-]{0,39}$/.test(name)) {
    console.error('Usage: npm run ops:hash-password -- <name>   (name: lower-case letters, digits, . _ -)');
    process.exit(2);
  }
  const password = await readPassword();
  if (password.length < 12) {
    console.error('The password must be at least 12 characters.');
    process.exit(2);
  }
  console.log(`${name}:${await hashOpsPassword(password)}`);
}

void main();

import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

/**
 * The README's "Layout" section is checked against the tree so it cannot drift again: every path it
 * names exists, and every folder a newcomer would look for (the top-level ones, each under lib/,
 * each under components/, each under app/) is named there. Adding a folder without a line, or
 * moving one and leaving its line behind, fails here.
 */
const root = process.cwd();

function layoutBlock(readme: string): string {
  const match = /## Layout\n\n```\n([\s\S]*?)```/.exec(readme);
  if (!match?.[1]) throw new Error('README.md has no "## Layout" code block');
  return match[1];
}

/** The first column of each line: the path the line is about (continuation lines start with spaces). */
function namedPaths(block: string): string[] {
  return block
    .split('\n')
    .filter((line) => /^\S/.test(line))
    .map((line) => line.split(/\s+/)[0] ?? '')
    .filter(Boolean);
}

/** The folders directly inside `dir` (tracked code only: no build output, no dependencies). */
function foldersIn(dir: string): string[] {
  return readdirSync(join(root, dir), { withFileTypes: true })
    .filter((e) => e.isDirectory() && !e.name.startsWith('.') && e.name !== 'node_modules')
    .map((e) => e.name);
}

const block = layoutBlock(readFileSync(join(root, 'README.md'), 'utf8'));
const paths = namedPaths(block);

describe('README Layout section', () => {
  it('reads one path per line from the section', () => {
    expect(namedPaths('lib/a/   what a is\n         more about a\nproxy.ts  every request\n')).toEqual([
      'lib/a/',
      'proxy.ts',
    ]);
    expect(paths.length).toBeGreaterThan(10);
  });

  it('names only paths that exist', () => {
    expect(paths.filter((p) => !existsSync(join(root, p)))).toEqual([]);
  });

  it('names every top-level code and docs folder (lib/ by its folders), and every folder under lib/', () => {
    const expected = [
      ...['app', 'components', 'e2e', 'test', 'scripts', 'bench', 'docs', 'public'].filter((d) =>
        existsSync(join(root, d)),
      ),
      ...foldersIn('lib').map((d) => `lib/${d}`),
    ].map((d) => `${d}/`);
    expect(expected.filter((d) => !paths.includes(d))).toEqual([]);
  });

  it('names every feature folder under components/ and every area under app/ on their lines', () => {
    // A line and its continuation lines (those starting with spaces), as one text.
    const lines = block.split('\n');
    const lineOf = (prefix: string) => {
      const at = lines.findIndex((line) => line.startsWith(prefix));
      const rest = lines.slice(at + 1);
      const end = rest.findIndex((line) => !/^\s/.test(line));
      return [lines[at], ...rest.slice(0, end < 0 ? rest.length : end)].join(' ');
    };
    const components = lineOf('components/');
    expect(foldersIn('components').filter((d) => !components.includes(`${d}/`))).toEqual([]);
    const app = lineOf('app/');
    expect(foldersIn('app').filter((d) => !app.includes(d))).toEqual([]);
  });
});

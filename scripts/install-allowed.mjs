// Runs the install step of exactly the packages package.json "allowScripts" allows (`true`, or a
// pinned `name@version` key set to true), after an `npm ci` that ran none (.npmrc
// ignore-scripts=true). Today none needs it; the line says so (docs/deploy.md#install-scripts).
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';

const allow = JSON.parse(readFileSync('package.json', 'utf8')).allowScripts ?? {};
const allowed = Object.entries(allow)
  .filter(([, ok]) => ok === true)
  .map(([name]) => name);
if (allowed.length === 0) {
  console.log(
    `install scripts: none allowed; skipped for ${Object.keys(allow).join(', ') || 'every package'} (reviewed: not needed)`,
  );
} else {
  console.log(`install scripts: running the install step of ${allowed.join(', ')}`);
  execFileSync('npm', ['rebuild', '--ignore-scripts=false', ...allowed], { stdio: 'inherit' });
}

// Copies the browser builds of the npm packages into wwwroot/lib (ignored by git).
import { mkdirSync, copyFileSync, writeFileSync, existsSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const files = [
  ["node_modules/htmx.org/dist/htmx.min.js", "wwwroot/lib/htmx/htmx.min.js"],
  ["node_modules/@microsoft/signalr/dist/browser/signalr.min.js", "wwwroot/lib/signalr/signalr.min.js"],
];
for (const [from, to] of files) {
  const src = join(root, from);
  if (!existsSync(src)) throw new Error(`missing ${from}: run npm ci in src/Khidma.Web`);
  mkdirSync(dirname(join(root, to)), { recursive: true });
  copyFileSync(src, join(root, to));
}
writeFileSync(join(root, "wwwroot/lib/.stamp"), new Date().toISOString());

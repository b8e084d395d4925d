// fitsdk_bench.mjs - Garmin's FIT SDK decoding one file: records per second,
// best of N runs, decode only (the file is read once, before timing).
//   node fitsdk_bench.mjs SDK_DIR FILE.fit [N]
import { readFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';

const [dir, file, n = '3'] = process.argv.slice(2);
const sdk = await import(pathToFileURL(`${dir}/node_modules/@garmin/fitsdk/src/index.js`));
const bytes = readFileSync(file);
let best = Infinity, records = 0;
for (let i = 0; i < Number(n); i++) {
  const t0 = process.hrtime.bigint();
  const decoder = new sdk.Decoder(sdk.Stream.fromByteArray(bytes));
  const { messages } = decoder.read();
  const t = Number(process.hrtime.bigint() - t0) / 1e9;
  records = (messages.recordMesgs || []).length;
  if (t < best) best = t;
}
console.log(`${best.toFixed(6)} ${records} ${(records / best).toFixed(0)}`);

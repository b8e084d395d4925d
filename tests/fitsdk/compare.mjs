// compare.mjs - decode each FIT file with Garmin's FIT SDK and compare its
// record messages, one by one, with runcare's decoder (fitdump output).
//
//   node compare.mjs FITDUMP FILE.fit...
// Exit 0 when every record agrees, 1 otherwise (the first differences are
// printed). The SDK does not read compressed-timestamp headers, so for a
// file X_cts.fit runcare's records are compared with the SDK's records of
// its twin X.fit (the same records written with full timestamps).
import { Decoder, Stream } from '@garmin/fitsdk';
import { readFileSync } from 'node:fs';
import { execFileSync } from 'node:child_process';

const [fitdump, ...files] = process.argv.slice(2);
const SEMI = 180 / 2 ** 31;
let bad = 0;

function close(a, b, tol) {
  if (a === null || a === undefined) return b === null || b === undefined;
  if (b === null || b === undefined) return false;
  return Math.abs(a - b) <= tol;
}

for (const file of files) {
  const twin = file.replace(/_cts\.fit$/, '.fit');
  const bytes = readFileSync(twin);
  const decoder = new Decoder(Stream.fromByteArray(bytes));
  if (!decoder.isFIT() || !decoder.checkIntegrity()) {
    console.log(`${twin}: the SDK says this is not a valid FIT file`);
    bad++;
    continue;
  }
  const { messages, errors } = decoder.read({
    applyScaleAndOffset: true,
    expandComponents: true,
    convertDateTimesToDates: true,
    includeUnknownData: false,
    mergeHeartRates: false,
  });
  if (errors.length) {
    console.log(`${file}: SDK errors: ${errors.map(String).join('; ')}`);
    bad++;
  }
  const sdk = (messages.recordMesgs || []).map((m) => ({
    t: m.timestamp ? m.timestamp.getTime() / 1000 : null,
    lat: m.positionLat !== undefined ? m.positionLat * SEMI : null,
    lon: m.positionLong !== undefined ? m.positionLong * SEMI : null,
    alt: m.enhancedAltitude ?? m.altitude ?? null,
    dist: m.distance ?? null,
    speed: m.enhancedSpeed ?? m.speed ?? null,
    hr: m.heartRate ?? null,
  }));
  const ours = execFileSync(fitdump, [file], { encoding: 'utf8', maxBuffer: 1 << 30 })
    .split('\n').filter(Boolean).map((l) => JSON.parse(l));
  if (ours.length !== sdk.length) {
    console.log(`${file}: ${ours.length} records, the SDK has ${sdk.length}`);
    bad++;
    continue;
  }
  let diffs = 0;
  const tol = { t: 1e-6, lat: 1e-9, lon: 1e-9, alt: 1e-6, dist: 1e-6, speed: 1e-6, hr: 0 };
  for (let i = 0; i < ours.length; i++) {
    for (const k of Object.keys(tol)) {
      if (!close(ours[i][k], sdk[i][k], tol[k])) {
        if (diffs++ < 5) console.log(`${file}: record ${i} ${k}: runcare ${ours[i][k]}, SDK ${sdk[i][k]}`);
      }
    }
  }
  if (diffs) bad++;
  else console.log(`${file}: ${ours.length} records agree` +
                   (twin !== file ? ` (SDK read ${twin})` : ''));
}
process.exit(bad ? 1 : 0);

// Runs binaryen's optimizer over every wasm file of a site (the main module and each chunk of
// the split build) in one Node process: binaryen from npm is itself a 10 MB script, and
// starting its `wasm-opt` once per chunk took 3.5 minutes for the debug site's ~390 files.
// Usage: node scripts/wasm-opt-site.mjs DIR OPTIMIZE_LEVEL SHRINK_LEVEL FEATURE...
// where FEATURE is a wasm-opt flag from Cargo.toml's wasm-opt-features (`--enable-bulk-memory`).
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import binaryen from '../tools/node_modules/binaryen/index.js';

const [dir, optimize, shrink, ...flags] = process.argv.slice(2);
const names = {
  // binaryen 132 counts memory.copy and memory.fill as a feature of their own, implied by bulk memory.
  'bulk-memory': binaryen.Features.BulkMemory | binaryen.Features.BulkMemoryOpt,
  'nontrapping-float-to-int': binaryen.Features.NontrappingFPToInt,
  'reference-types': binaryen.Features.ReferenceTypes,
  'sign-ext': binaryen.Features.SignExt,
  'mutable-globals': binaryen.Features.MutableGlobals,
  multivalue: binaryen.Features.Multivalue,
};
let features = binaryen.Features.MVP;
for (const flag of flags) {
  const feature = names[flag.replace(/^--enable-/, '')];
  if (feature === undefined) throw new Error(`unknown wasm feature flag ${flag}`);
  features |= feature;
}
binaryen.setOptimizeLevel(Number(optimize));
binaryen.setShrinkLevel(Number(shrink));
const files = readdirSync(dir).filter((f) => f.endsWith('.wasm'));
for (const file of files) {
  const path = join(dir, file);
  const module = binaryen.readBinary(readFileSync(path));
  module.setFeatures(features);
  if (!module.validate()) throw new Error(`${file} does not validate`);
  module.optimize();
  writeFileSync(path, module.emitBinary());
  module.dispose();
}
console.log(`optimized ${files.length} wasm files in ${dir}`);

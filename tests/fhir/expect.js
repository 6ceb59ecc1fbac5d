#!/usr/bin/env node
// Checks what a bundle holds: each argument after the file is a JavaScript expression that
// must be true, written with the helpers below. Prints every expression that is not.
// Usage: node expect.js BUNDLE.json 'res("Encounter", "session-3").status === "entered-in-error"'…
'use strict';
const fs = require('fs');

const [file, ...expectations] = process.argv.slice(2);
const bundle = JSON.parse(fs.readFileSync(file, 'utf8'));
const entries = bundle.entry || [];
// `bundle` is the whole bundle (its own elements, such as timestamp). Every resource of a type,
// in bundle order:
const all = type => entries.map(entry => entry.resource).filter(r => r.resourceType === type);
// The resource with this type and id; throws when there is none.
const res = (type, id) => {
    const found = all(type).find(r => r.id === id);
    if (found === undefined)
        throw new Error(`no ${type}/${id} in the bundle`);
    return found;
};
// The resource a Reference points to.
const target = ref => entries.find(entry => entry.fullUrl === ref.reference).resource;
// Resources whose references include one to `resource`.
const referring = resource => {
    const url = entries.find(entry => entry.resource === resource).fullUrl;
    return entries.map(entry => entry.resource).filter(r => JSON.stringify(r).includes(`"${url}"`));
};

let failures = 0;
for (const expectation of expectations) {
    let ok = false;
    try {
        ok = new Function('bundle', 'all', 'res', 'target', 'referring',
            `return (${expectation});`)(bundle, all, res, target, referring) === true;
    } catch (error) {
        console.log(`FAIL: ${expectation}\n      ${error.message}`);
        failures++;
        continue;
    }
    if (!ok) {
        console.log(`FAIL: ${expectation}`);
        failures++;
    }
}
process.exit(failures > 0 ? 1 : 0);

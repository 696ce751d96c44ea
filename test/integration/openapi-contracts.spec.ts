import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { z } from 'zod';
import { ChatContracts, Contract, DatasetContracts, WorkflowContracts, declaredSchemaOf } from '@sluice/contracts';
import { openApiDocument } from '../support/gateway-routes';

/**
 * The request bodies apps/gateway/openapi.yaml documents against the contracts' schemas, which are
 * what the gateway and the services validate: what a contract requires must be documented, and what
 * the document offers must be accepted.
 */
const doc = openApiDocument();

type JsonSchema = { $ref?: string; type?: string; required?: string[]; properties?: Record<string, JsonSchema>; enum?: unknown[]; contentSchema?: JsonSchema };

function resolve(s: JsonSchema): JsonSchema {
  if (!s.$ref) return s;
  const name = s.$ref.replace('#/components/schemas/', '');
  const found = doc.components.schemas[name];
  assert.ok(found, `openapi.yaml has no components.schemas.${name}`);
  return resolve(found);
}

/** The JSON body an operation documents; a multipart upload's `data` field carries its JSON in `contentSchema`. */
function documentedBody(path: string, method: string): JsonSchema {
  const op = doc.paths[path]?.[method];
  assert.ok(op, `openapi.yaml documents no ${method} ${path}`);
  const content = op.requestBody?.content ?? {};
  if (content['application/json']) return resolve(content['application/json'].schema);
  const form = resolve(content['multipart/form-data']?.schema ?? {});
  const data = form.properties?.data;
  assert.ok(data?.contentSchema, `${method} ${path}: the multipart 'data' field needs a contentSchema (the JSON it carries)`);
  return resolve(data.contentSchema);
}

/** The object schema inside preprocess, pipes, refinements and transforms. */
function objectOf(s: z.ZodTypeAny): z.ZodObject<z.ZodRawShape> {
  if (s instanceof z.ZodObject) return s;
  if (s instanceof z.ZodEffects) return objectOf(s.innerType());
  if (s instanceof z.ZodPipeline) return objectOf(s._def.out);
  if (s instanceof z.ZodOptional || s instanceof z.ZodNullable || s instanceof z.ZodDefault) return objectOf(s._def.innerType);
  throw new Error(`not an object schema: ${s.constructor.name}`);
}

/** The client body a contract declares (validated on receipt or after the lookups). */
function contractBody(contract: Contract, variant?: string): z.ZodObject<z.ZodRawShape> {
  if (variant) {
    // chat.generate is a union over `kind`: the body of the branch for this route.
    const union = contract.request as unknown as { options: z.ZodObject<z.ZodRawShape>[] };
    const branch = union.options.find((o) => (o.shape.kind as z.ZodLiteral<string>).value === variant)!;
    return objectOf(branch.shape.body);
  }
  const body = declaredSchemaOf(contract, 'body');
  assert.ok(body, `${contract.pattern} declares no body schema`);
  return objectOf(body);
}

/** Body fields the gateway reads itself: `user` names the end user, who travels as the payload's caller (withEndUser), not in its body. */
const IDENTITY_FIELDS = new Set(['user']);

const isRequired = (s: z.ZodTypeAny) => !s.safeParse(undefined).success;

const CASES: { route: string; path: string; method: string; contract: Contract; variant?: string }[] = [
  { route: 'chat-messages', path: '/v1/chat-messages', method: 'post', contract: ChatContracts.generate, variant: 'chat' },
  { route: 'completion-messages', path: '/v1/completion-messages', method: 'post', contract: ChatContracts.generate, variant: 'completion' },
  { route: 'workflows/run', path: '/v1/workflows/run', method: 'post', contract: WorkflowContracts.run },
  { route: 'datasets create', path: '/v1/datasets', method: 'post', contract: DatasetContracts.datasets.create },
  {
    route: 'documents create-by-text',
    path: '/v1/datasets/{dataset_id}/document/create-by-text',
    method: 'post',
    contract: DatasetContracts.documents.createByText,
  },
  {
    route: 'documents create-by-file',
    path: '/v1/datasets/{dataset_id}/document/create-by-file',
    method: 'post',
    contract: DatasetContracts.documents.createByFile,
  },
  { route: 'segments create', path: '/v1/datasets/{dataset_id}/documents/{document_id}/segments', method: 'post', contract: DatasetContracts.segments.create },
  { route: 'message feedback', path: '/v1/messages/{id}/feedbacks', method: 'post', contract: ChatContracts.feedback },
  { route: 'conversation rename', path: '/v1/conversations/{id}/name', method: 'post', contract: ChatContracts.conversationRename },
  { route: 'datasets update', path: '/v1/datasets/{dataset_id}', method: 'patch', contract: DatasetContracts.datasets.update },
];

describe('openapi.yaml request bodies and the message contracts', () => {
  for (const c of CASES) {
    it(`${c.route}: what the contract requires is documented as required, and every documented field is accepted`, () => {
      const documented = documentedBody(c.path, c.method);
      const shape = contractBody(c.contract, c.variant).shape;
      const props = documented.properties ?? {};
      const required = new Set(documented.required ?? []);

      const contractRequired = Object.keys(shape).filter((k) => isRequired(shape[k]));
      assert.deepEqual(
        contractRequired.filter((k) => !(k in props)),
        [],
        `${c.route}: required by the contract but not documented`,
      );
      assert.deepEqual(
        contractRequired.filter((k) => !required.has(k)),
        [],
        `${c.route}: required by the contract but documented as optional`,
      );

      assert.deepEqual(
        Object.keys(props).filter((k) => !(k in shape) && !IDENTITY_FIELDS.has(k)),
        [],
        `${c.route}: documented but not in the contract (it would be dropped)`,
      );
      // Documented enums: every value the document offers passes the contract's field.
      for (const [k, p] of Object.entries(props)) {
        for (const v of resolve(p).enum ?? []) assert.ok(shape[k].safeParse(v).success, `${c.route}: ${k}=${JSON.stringify(v)} is documented but refused`);
      }
    });
  }
});

import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import * as ts from 'typescript';

/**
 * Validates request bodies and query parameters against the OpenAPI types shipped with
 * `@qdrant/js-client-rest` (dist/types/openapi/generated_schema.d.ts, generated from Qdrant's
 * openapi.json). The .d.ts is parsed with the TypeScript compiler and interpreted structurally,
 * so a body the adapter sends is checked against the very schema the client was built from —
 * missing required fields, wrong types, unknown fields and unknown query parameters are rejected.
 */
export class QdrantOpenApiValidator {
  private readonly schemas = new Map<string, ts.TypeNode>();
  private readonly operations = new Map<string, ts.TypeLiteralNode>();
  private readonly paths: Array<{ pattern: RegExp; template: string; methods: Map<string, string> }> = [];

  constructor(schemaFile = QdrantOpenApiValidator.locateSchema()) {
    const sf = ts.createSourceFile(schemaFile, readFileSync(schemaFile, 'utf8'), ts.ScriptTarget.Latest, true);
    for (const stmt of sf.statements) {
      if (!ts.isInterfaceDeclaration(stmt)) continue;
      if (stmt.name.text === 'components') {
        const schemas = member(stmt.members, 'schemas');
        if (schemas && ts.isTypeLiteralNode(schemas))
          for (const m of schemas.members) if (ts.isPropertySignature(m) && m.type) this.schemas.set(propName(m), m.type);
      } else if (stmt.name.text === 'operations') {
        for (const m of stmt.members) if (ts.isPropertySignature(m) && m.type && ts.isTypeLiteralNode(m.type)) this.operations.set(propName(m), m.type);
      } else if (stmt.name.text === 'paths') {
        for (const m of stmt.members) {
          if (!ts.isPropertySignature(m) || !m.type || !ts.isTypeLiteralNode(m.type)) continue;
          const template = propName(m);
          const methods = new Map<string, string>();
          for (const op of m.type.members) {
            if (ts.isPropertySignature(op) && op.type && ts.isIndexedAccessTypeNode(op.type)) methods.set(propName(op), literalText(op.type.indexType));
          }
          const pattern = new RegExp('^' + template.replace(/[.*+?^$()|[\]\\]/g, '\\$&').replace(/\{[^}]+\}/g, '[^/]+') + '$');
          this.paths.push({ pattern, template, methods });
        }
      }
    }
    if (!this.schemas.size || !this.operations.size || !this.paths.length) throw new Error(`no OpenAPI schemas found in ${schemaFile}`);
  }

  static locateSchema(): string {
    let dir = dirname(require.resolve('@qdrant/js-client-rest'));
    while (!existsSync(join(dir, 'package.json')) || !existsSync(join(dir, 'dist'))) dir = dirname(dir);
    return join(dir, 'dist', 'types', 'openapi', 'generated_schema.d.ts');
  }

  /** The operation id (e.g. `upsert_points`) serving a method and path, or undefined. */
  operationFor(method: string, path: string): string | undefined {
    // Literal paths win over templated ones (`/points/query` vs `/points/{id}`).
    const matches = this.paths.filter((p) => p.pattern.test(path) && p.methods.has(method.toLowerCase()));
    matches.sort((a, b) => (a.template.match(/\{/g)?.length ?? 0) - (b.template.match(/\{/g)?.length ?? 0));
    return matches[0]?.methods.get(method.toLowerCase());
  }

  /** Errors of a request (empty when valid): query parameter names and the JSON body. */
  validateRequest(operationId: string, query: URLSearchParams, body: unknown): string[] {
    const op = this.operations.get(operationId);
    if (!op) return [`unknown operation ${operationId}`];
    const errors: string[] = [];
    const params = member(op.members, 'parameters');
    const queryType = params && ts.isTypeLiteralNode(params) ? member(params.members, 'query') : undefined;
    const allowed = new Set(queryType && ts.isTypeLiteralNode(queryType) ? queryType.members.filter(ts.isPropertySignature).map(propName) : []);
    for (const key of query.keys()) if (!allowed.has(key)) errors.push(`unknown query parameter "${key}"`);
    const requestBody = op.members.find((m): m is ts.PropertySignature => ts.isPropertySignature(m) && propName(m) === 'requestBody');
    const bodyType = requestBody?.type && ts.isTypeLiteralNode(requestBody.type) ? jsonContent(requestBody.type) : undefined;
    if (!bodyType) {
      if (body !== undefined) errors.push('this operation takes no body');
      return errors;
    }
    if (body === undefined) {
      if (!requestBody!.questionToken) errors.push('body is required');
      return errors;
    }
    const err = this.check(bodyType, body, 'body');
    if (err) errors.push(err);
    return errors;
  }

  /** Validates `value` against a named schema (`components.schemas[name]`). */
  validateSchema(name: string, value: unknown): string | null {
    const node = this.schemas.get(name);
    if (!node) return `unknown schema ${name}`;
    return this.check(node, value, name);
  }

  private check(node: ts.TypeNode, value: unknown, path: string): string | null {
    switch (node.kind) {
      case ts.SyntaxKind.ParenthesizedType:
        return this.check((node as ts.ParenthesizedTypeNode).type, value, path);
      case ts.SyntaxKind.UnknownKeyword:
      case ts.SyntaxKind.AnyKeyword:
        return null;
      case ts.SyntaxKind.NumberKeyword:
        return typeof value === 'number' && Number.isFinite(value) ? null : `${path}: expected a number, got ${show(value)}`;
      case ts.SyntaxKind.StringKeyword:
        return typeof value === 'string' ? null : `${path}: expected a string, got ${show(value)}`;
      case ts.SyntaxKind.BooleanKeyword:
        return typeof value === 'boolean' ? null : `${path}: expected a boolean, got ${show(value)}`;
      case ts.SyntaxKind.UndefinedKeyword:
        return value === undefined ? null : `${path}: expected nothing, got ${show(value)}`;
      case ts.SyntaxKind.NeverKeyword:
        return `${path}: not allowed`;
      case ts.SyntaxKind.LiteralType:
        return this.checkLiteral(node as ts.LiteralTypeNode, value, path);
      case ts.SyntaxKind.ArrayType: {
        if (!Array.isArray(value)) return `${path}: expected an array, got ${show(value)}`;
        const el = (node as ts.ArrayTypeNode).elementType;
        for (let i = 0; i < value.length; i++) {
          const e = this.check(el, value[i], `${path}[${i}]`);
          if (e) return e;
        }
        return null;
      }
      case ts.SyntaxKind.UnionType:
        return this.checkUnion(node as ts.UnionTypeNode, value, path);
      case ts.SyntaxKind.TypeLiteral:
        return this.checkObject((node as ts.TypeLiteralNode).members, value, path);
      case ts.SyntaxKind.IndexedAccessType:
        return this.check(this.resolveRef(node as ts.IndexedAccessTypeNode), value, path);
      case ts.SyntaxKind.TypeReference:
        return this.checkReference(node as ts.TypeReferenceNode, value, path);
      default:
        throw new Error(`QdrantOpenApiValidator: unsupported type syntax ${ts.SyntaxKind[node.kind]} at ${path}`);
    }
  }

  private checkLiteral(node: ts.LiteralTypeNode, value: unknown, path: string): string | null {
    const lit = node.literal;
    let expected: unknown;
    if (lit.kind === ts.SyntaxKind.NullKeyword) expected = null;
    else if (lit.kind === ts.SyntaxKind.TrueKeyword) expected = true;
    else if (lit.kind === ts.SyntaxKind.FalseKeyword) expected = false;
    else if (ts.isStringLiteral(lit)) expected = lit.text;
    else if (ts.isNumericLiteral(lit)) expected = Number(lit.text);
    else if (ts.isPrefixUnaryExpression(lit) && ts.isNumericLiteral(lit.operand)) expected = -Number(lit.operand.text);
    else throw new Error(`QdrantOpenApiValidator: unsupported literal at ${path}`);
    return value === expected ? null : `${path}: expected ${JSON.stringify(expected)}, got ${show(value)}`;
  }

  private checkUnion(node: ts.UnionTypeNode, value: unknown, path: string): string | null {
    const members = flattenUnion(node);
    // openapi-typescript renders an optional/nullable reference as `X | (Record<string, unknown> | null)`:
    // the Record stands for "null", not for "any object", so it is dropped when null is also there.
    const hasNull = members.some((m) => ts.isLiteralTypeNode(m) && m.literal.kind === ts.SyntaxKind.NullKeyword);
    const effective = hasNull && members.length > 2 ? members.filter((m) => !isRecordStringUnknown(m)) : members;
    const errors: Array<{ e: string; affinity: number }> = [];
    for (const m of effective) {
      const e = this.check(m, value, path);
      if (!e) return null;
      errors.push({ e, affinity: this.affinity(m, value) });
    }
    // Explain with the alternative the value most resembles (most declared fields present),
    // then the one whose error got deepest into the value.
    errors.sort((a, b) => b.affinity - a.affinity || b.e.split(':')[0].length - a.e.split(':')[0].length);
    return errors.length === 1 ? errors[0].e : `${path}: matches none of ${effective.length} alternatives; closest: ${errors[0].e}`;
  }

  private affinity(node: ts.TypeNode, value: unknown): number {
    while (ts.isParenthesizedTypeNode(node) || ts.isIndexedAccessTypeNode(node)) node = ts.isParenthesizedTypeNode(node) ? node.type : this.resolveRef(node);
    if (!ts.isTypeLiteralNode(node) || typeof value !== 'object' || value === null) return 0;
    const declared = new Set(node.members.filter(ts.isPropertySignature).map(propName));
    return Object.keys(value).filter((k) => declared.has(k)).length;
  }

  private checkObject(members: ts.NodeArray<ts.TypeElement>, value: unknown, path: string): string | null {
    if (typeof value !== 'object' || value === null || Array.isArray(value)) return `${path}: expected an object, got ${show(value)}`;
    const obj = value as Record<string, unknown>;
    const known = new Set<string>();
    let indexType: ts.TypeNode | undefined;
    for (const m of members) {
      if (ts.isIndexSignatureDeclaration(m)) {
        indexType = m.type;
        continue;
      }
      if (!ts.isPropertySignature(m) || !m.type) continue;
      const name = propName(m);
      known.add(name);
      if (!(name in obj) || obj[name] === undefined) {
        if (!m.questionToken) return `${path}: missing required field "${name}"`;
        continue;
      }
      const e = this.check(m.type, obj[name], `${path}.${name}`);
      if (e) return e;
    }
    for (const key of Object.keys(obj)) {
      if (known.has(key)) continue;
      if (!indexType) return `${path}: unknown field "${key}"`;
      const e = this.check(indexType, obj[key], `${path}.${key}`);
      if (e) return e;
    }
    return null;
  }

  private checkReference(node: ts.TypeReferenceNode, value: unknown, path: string): string | null {
    const name = node.typeName.getText();
    const args = node.typeArguments ?? ts.factory.createNodeArray<ts.TypeNode>();
    if (name === 'Record') {
      if (typeof value !== 'object' || value === null || Array.isArray(value)) return `${path}: expected an object, got ${show(value)}`;
      for (const [k, v] of Object.entries(value)) {
        const e = this.check(args[1], v, `${path}.${k}`);
        if (e) return e;
      }
      return null;
    }
    if (name === 'OneOf' && args[0] && ts.isTupleTypeNode(args[0])) {
      const alts = args[0].elements.filter(ts.isTypeNode);
      const ok = alts.filter((a) => !this.check(a, value, path));
      if (ok.length === 1) return null;
      return ok.length === 0
        ? `${path}: matches none of the ${alts.length} oneOf alternatives`
        : `${path}: matches ${ok.length} oneOf alternatives (expected exactly one)`;
    }
    throw new Error(`QdrantOpenApiValidator: unsupported type reference ${name} at ${path}`);
  }

  private resolveRef(node: ts.IndexedAccessTypeNode): ts.TypeNode {
    // components["schemas"]["Name"]
    const name = literalText(node.indexType);
    const found = this.schemas.get(name);
    if (!found) throw new Error(`QdrantOpenApiValidator: unknown schema reference ${node.getText()}`);
    return found;
  }
}

function member(members: ts.NodeArray<ts.TypeElement>, name: string): ts.TypeNode | undefined {
  const m = members.find((x): x is ts.PropertySignature => ts.isPropertySignature(x) && propName(x) === name);
  return m?.type;
}

function propName(m: ts.PropertySignature): string {
  const n = m.name;
  return ts.isIdentifier(n) || ts.isStringLiteral(n) || ts.isNumericLiteral(n) ? n.text : n.getText();
}

function literalText(node: ts.TypeNode): string {
  if (ts.isLiteralTypeNode(node) && ts.isStringLiteral(node.literal)) return node.literal.text;
  throw new Error(`QdrantOpenApiValidator: expected a string literal index, got ${node.getText()}`);
}

function jsonContent(requestBody: ts.TypeLiteralNode): ts.TypeNode | undefined {
  const content = member(requestBody.members, 'content');
  return content && ts.isTypeLiteralNode(content) ? member(content.members, 'application/json') : undefined;
}

function flattenUnion(node: ts.TypeNode): ts.TypeNode[] {
  if (ts.isParenthesizedTypeNode(node)) return flattenUnion(node.type);
  if (ts.isUnionTypeNode(node)) return node.types.flatMap(flattenUnion);
  return [node];
}

function isRecordStringUnknown(node: ts.TypeNode): boolean {
  return ts.isTypeReferenceNode(node) && node.typeName.getText() === 'Record' && node.typeArguments?.[1]?.kind === ts.SyntaxKind.UnknownKeyword;
}

function show(v: unknown): string {
  const s = JSON.stringify(v);
  return s === undefined ? String(v) : s.length > 60 ? s.slice(0, 57) + '...' : s;
}

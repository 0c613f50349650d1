import { z } from 'zod';
import { ErrorBodySchema } from '../../api/errors.js';
import { ROUTES, type RouteSpec } from '../../api/routes.js';

type Json = Record<string, unknown>;

const schemaOf = (s: z.ZodType, io: 'input' | 'output'): Json =>
  z.toJSONSchema(s, { io, unrepresentable: 'any', target: 'draft-2020-12' }) as Json;

const pathParams = (path: string) =>
  [...path.matchAll(/\{(\w+)\}/g)].map((m) => ({ name: m[1], in: 'path', required: true, schema: { type: 'string' } }));

function queryParams(spec: RouteSpec) {
  if (!spec.query) return [];
  const js = schemaOf(spec.query, 'input') as { properties?: Record<string, Json>; required?: string[] };
  return Object.entries(js.properties ?? {}).map(([name, schema]) => ({
    name,
    in: 'query',
    required: js.required?.includes(name) ?? false,
    schema,
    description: schema.description,
  }));
}

function requestBody(spec: RouteSpec) {
  if (!spec.body) return undefined;
  const content: Json = { 'application/json': { schema: schemaOf(spec.body, 'input') } };
  for (const t of spec.bodyTypes ?? []) content[t] = { schema: { type: 'string', description: 'HAIL JSONL' } };
  return { required: true, content };
}

function responses(spec: RouteSpec) {
  const ok = String(spec.status ?? 200);
  const content = spec.response
    ? { 'application/json': { schema: schemaOf(spec.response, 'output') } }
    : spec.responseType
      ? { [spec.responseType]: { schema: { type: 'string' } } }
      : undefined;
  const error = {
    description: 'Error',
    content: { 'application/json': { schema: schemaOf(ErrorBodySchema, 'output') } },
  };
  return { [ok]: { description: spec.summary, ...(content && { content }) }, '4XX': error, '5XX': error };
}

function operation(spec: RouteSpec) {
  return {
    summary: spec.summary,
    tags: [spec.tag],
    parameters: [...pathParams(spec.path), ...queryParams(spec)],
    ...(requestBody(spec) && { requestBody: requestBody(spec) }),
    responses: responses(spec),
    security: spec.auth === 'required' ? [{ bearer: [] }] : spec.auth === 'optional' ? [{}, { bearer: [] }] : [],
  };
}

/** The OpenAPI 3.1 document, generated from the zod schemas of src/api. */
export function openApiDocument(version: string, baseUrl: string): Json {
  const paths: Record<string, Json> = {};
  for (const spec of ROUTES) {
    paths[spec.path] ??= {};
    (paths[spec.path] as Json)[spec.method.toLowerCase()] = operation(spec);
  }
  return {
    openapi: '3.1.0',
    info: { title: 'OpenSession API', version },
    servers: [{ url: baseUrl }],
    components: {
      securitySchemes: {
        bearer: { type: 'http', scheme: 'bearer', description: 'An osk_ API key or a JWT access token' },
      },
    },
    paths,
  };
}

import type { ErrorPayload } from '@sluice/contracts';

interface HttpErrorShape {
  type?: unknown;
  status?: unknown;
  statusCode?: unknown;
  expose?: unknown;
  code?: unknown;
  encoding?: unknown;
}

const INVALID_JSON = 'Invalid JSON payload received or JSON payload is empty.';

/** body-parser's error types, in our words: a client reads why, never the parser's internals. */
const BY_TYPE: Record<string, ErrorPayload> = {
  'entity.parse.failed': { code: 'invalid_param', message: INVALID_JSON, status: 400 },
  'entity.too.large': { code: 'file_too_large', message: 'Request body is too large.', status: 413 },
  'parameters.too.many': { code: 'request_entity_too_large', message: 'The request body has too many parameters.', status: 413 },
  'querystring.parse.rangeError': { code: 'invalid_param', message: 'The request body is nested too deeply.', status: 400 },
  'charset.unsupported': { code: 'unsupported_media_type', message: 'Unsupported charset: send the body as UTF-8.', status: 415 },
  'request.aborted': { code: 'bad_request', message: 'The request body was not received completely.', status: 400 },
  'request.size.invalid': { code: 'bad_request', message: 'The request body does not match its Content-Length.', status: 400 },
};

/**
 * Errors raised while reading a request before any controller runs — body-parser (JSON, urlencoded,
 * content encodings, charsets), the router decoding a path — as Dify's envelope. They are
 * `http-errors` with a 4xx status; anything else returns null.
 */
export function requestParsingError(exception: unknown): ErrorPayload | null {
  const e = exception as HttpErrorShape | null;
  if (!e || typeof e !== 'object') return null;
  if (typeof e.type === 'string' && BY_TYPE[e.type]) return BY_TYPE[e.type];
  const status = typeof e.status === 'number' ? e.status : typeof e.statusCode === 'number' ? e.statusCode : 0;
  if (status < 400 || status >= 500 || e.expose !== true) {
    // express's router marks an undecodable path parameter with status 400 but no `expose`.
    if (exception instanceof URIError && status === 400) return { code: 'not_found', message: 'The requested URL was not found on the server.', status: 404 };
    return null;
  }
  if (e.type === 'encoding.unsupported') {
    return { code: 'unsupported_media_type', message: 'Unsupported Content-Encoding: use gzip, deflate, br or none.', status: 415 };
  }
  // A decompression stream that fails (gzip declared, plain text sent) surfaces as a zlib error code.
  if (typeof e.code === 'string' && e.code.startsWith('Z_')) {
    return { code: 'bad_request', message: 'The request body could not be decoded with its Content-Encoding.', status: 400 };
  }
  if (status === 413) return BY_TYPE['entity.too.large'];
  if (status === 415) return { code: 'unsupported_media_type', message: 'Unsupported media type.', status: 415 };
  return { code: 'bad_request', message: 'The request could not be read.', status };
}

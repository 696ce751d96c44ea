import { ArgumentMetadata, Injectable, PipeTransform } from '@nestjs/common';
import { InvalidParamError, MAX_USER_LENGTH, NotFoundError, assertCleanInput, isUuid } from '@sluice/contracts';

/**
 * Path parameters that name a stored row. Dify's routes declare them `<uuid:…>`, so anything else
 * is a URL that does not exist (404) — and never reaches a `uuid` column as text.
 * Task ids, batches, job ids and actions are not rows and stay free-form.
 */
const UUID_PARAMS = new Set(['id', 'conversationId', 'dataset_id', 'document_id', 'segment_id', 'child_chunk_id', 'metadata_id', 'workflow_id', 'keyId']);

/**
 * The generic edge check of every request (registered globally): body — JSON, urlencoded or the
 * fields of a multipart form, which is parsed by the time pipes run — query and path parameters.
 * Refuses NUL characters, lone surrogates and deep nesting (400 invalid_param naming the field),
 * an over-long `user` (an indexed 255-character column), and non-UUID ids in paths (404).
 */
@Injectable()
export class EdgeInputPipe implements PipeTransform {
  transform(value: unknown, meta: ArgumentMetadata): unknown {
    if (meta.type === 'param') {
      this.checkParams(value, meta.data);
      return value;
    }
    if (meta.type !== 'body' && meta.type !== 'query') return value;
    // `@Body('x')` / `@Query('x')` hand over one field; name it as the caller sent it.
    assertCleanInput(value, meta.data ?? '');
    const user = meta.data === 'user' ? value : (value as { user?: unknown } | null)?.user;
    if (typeof user === 'string' && user.length > MAX_USER_LENGTH) {
      throw new InvalidParamError(`user must be at most ${MAX_USER_LENGTH} characters`, { params: 'user' });
    }
    return value;
  }

  private checkParams(value: unknown, name: string | undefined) {
    const entries: [string, unknown][] = name ? [[name, value]] : Object.entries((value ?? {}) as Record<string, unknown>);
    for (const [k, v] of entries) {
      if (UUID_PARAMS.has(k) && !isUuid(v)) throw new NotFoundError('The requested URL was not found on the server.');
      assertCleanInput(v, k);
    }
  }
}

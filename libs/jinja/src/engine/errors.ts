/**
 * The Python exception a Jinja2 render would raise, by class name: the message reads
 * `ZeroDivisionError: division by zero`, as dify-sandbox reports a failed render.
 */
export type ErrorKind =
  | 'TemplateSyntaxError'
  | 'TemplateAssertionError'
  | 'TemplateRuntimeError'
  | 'UndefinedError'
  | 'TypeError'
  | 'AttributeError'
  | 'ValueError'
  | 'KeyError'
  | 'IndexError'
  | 'ZeroDivisionError'
  | 'OverflowError'
  | 'MemoryError'
  | 'RecursionError'
  | 'RuntimeError'
  | 'OutputTooLong';

export class JinjaError extends Error {
  constructor(
    readonly kind: ErrorKind,
    readonly detail: string,
  ) {
    super(`${kind}: ${detail}`);
  }
}

export function fail(kind: ErrorKind, detail: string): never {
  throw new JinjaError(kind, detail);
}
